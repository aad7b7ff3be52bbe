using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Training.Data;
using Lpr.Training.Model;

namespace Lpr.Training.Tests;

public class DetectorScenesTests
{
    [Fact]
    public void The_scripts_scene_config_is_what_the_detector_trains_on()
    {
        var file = SynthConfig.Load(RepoPaths.Combine("scripts", "detector-scenes.json"));

        Assert.Equal(SynthConfig.Serialize(DetectorScenes.CreateOptions()), SynthConfig.Serialize(file));
    }

    [Fact]
    public void The_shipped_training_config_is_the_options_defaults()
    {
        var shipped = Lpr.Training.Optimization.DetectorTrainingOptions.Load(RepoPaths.Combine("scripts", "train-detector-config.json"));

        Assert.Equal(new Lpr.Training.Optimization.DetectorTrainingOptions(), shipped);
    }

    [Fact]
    public void The_shipped_fine_tune_starts_from_the_base_run_on_its_scenes_with_a_quarter_of_the_plates_free()
    {
        var fineTune = Lpr.Training.Optimization.DetectorTrainingOptions.Load(RepoPaths.Combine("scripts", "detector-finetune-config.json"));
        var scenes = SynthConfig.Load(fineTune.SynthConfig!);
        var baseScenes = DetectorScenes.CreateOptions();
        baseScenes.Scene.FreePlateProbability = 0.25;

        // Both paths are written relative to the config file and resolved against it, not against the working directory.
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "detector", "best.weights")), fineTune.InitialWeights);
        Assert.True(File.Exists(fineTune.InitialWeights));
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("scripts", "detector-free-plate-scenes.json")), fineTune.SynthConfig);
        Assert.Equal(SynthConfig.Serialize(baseScenes), SynthConfig.Serialize(scenes));
        Assert.NotEqual(new Lpr.Training.Optimization.DetectorTrainingOptions().Seed, fineTune.Seed);
    }

    [Fact]
    public void The_signs_fine_tune_keeps_the_free_plates_and_only_adds_signs()
    {
        var fineTune = Lpr.Training.Optimization.DetectorTrainingOptions.Load(RepoPaths.Combine("scripts", "detector-free-signs-config.json"));
        var scenes = SynthConfig.Load(fineTune.SynthConfig!);
        var freePlates = SynthConfig.Load(RepoPaths.Combine("scripts", "detector-free-plate-scenes.json"));
        freePlates.Scene.MaxDistractors = 6;

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "detector-free", "best.weights")), fineTune.InitialWeights);
        Assert.True(File.Exists(fineTune.InitialWeights));
        Assert.Equal(SynthConfig.Serialize(freePlates), SynthConfig.Serialize(scenes));
    }

    [Fact]
    public void Scene_samples_are_letterboxed_gray_frames_with_plates_in_input_pixels_the_same_for_the_same_index()
    {
        using var source = DetectorScenesFixture.Source(5, DetectorArchitecture.Default);

        var first = source.Create(3);
        var again = source.Create(3);

        Assert.Equal(0.25f, source.InputScale);
        Assert.Equal(first.Pixels, again.Pixels);
        Assert.Equal(320 * 192, first.Pixels.Length);
        Assert.All(first.Pixels.Skip(180 * 320), p => Assert.Equal(0f, p)); // the letterbox rows below a 16:9 frame
        Assert.Contains(first.Pixels.Take(180 * 320), p => p > 0.2f);
        Assert.All(first.Plates, q => Assert.InRange(q.Bounds().Right, 1, 321));
        Assert.Equal(40 * 24, first.Targets.Heatmap.Length);
        Assert.Equal(first.Plates.Count, first.Targets.Heatmap.Count(v => v == 1f));
    }
}
