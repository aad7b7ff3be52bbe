using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public class TorchLoadTests
{
    [Fact]
    public void Native_library_loads_and_computes()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = (a * 2).sum();
        Assert.Equal(12f, b.item<float>());
    }
}
