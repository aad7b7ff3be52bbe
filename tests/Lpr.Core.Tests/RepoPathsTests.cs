using Lpr.Testing;

namespace Lpr.Core.Tests;

public class RepoPathsTests
{
    [Fact]
    public void Finds_the_labels_file_from_any_output_folder()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Models, "labels.txt")), RepoPaths.Root);
    }
}
