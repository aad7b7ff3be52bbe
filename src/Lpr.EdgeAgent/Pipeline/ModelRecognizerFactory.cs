using Lpr.Core.Recognition;
using Lpr.EdgeAgent.Options;
using Lpr.TfLite;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The product's recognizer factory: <see cref="TfLitePlateRecognizer"/> on the model of
/// <c>Lpr:Recognizer:Model</c> (with its descriptor beside it) and the backend of <c>Lpr:Recognizer:Backend</c>.
/// A model that cannot be loaded (corrupt, wrong descriptor, backend missing) fails with both keys named.
/// </summary>
internal sealed class ModelRecognizerFactory(IOptions<RecognizerOptions> options, AgentPaths paths) : IPlateRecognizerFactory
{
    public IPlateRecognizer Create()
    {
        var model = paths.Input(options.Value.Model);
        var backend = options.Value.Backend;
        try
        {
            return TfLitePlateRecognizer.Open(model, options.Value.ToEngineOptions(paths), shiftedReadings: options.Value.ShiftedReadings);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidOperationException(
                $"The model '{model}' (Lpr:Recognizer:Model) cannot be loaded with backend '{backend}' (Lpr:Recognizer:Backend): {e.Message}", e);
        }
    }
}
