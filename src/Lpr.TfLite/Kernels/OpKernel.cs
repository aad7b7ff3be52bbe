namespace Lpr.TfLite.Kernels;

/// <summary>
/// A prepared operator: everything that can be computed once (validated shapes, quantized multipliers,
/// packed weights, scratch buffers) was computed by the op's Prepare; <see cref="Eval"/> only computes.
/// Eval must not allocate managed memory.
/// </summary>
internal abstract class OpKernel
{
    /// <summary>Runs the operator on the current contents of its input tensors, writing its outputs.</summary>
    public abstract void Eval();
}
