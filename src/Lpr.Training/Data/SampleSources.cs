using Lpr.Synth.Options;
using Lpr.Training.Optimization;

namespace Lpr.Training.Data;

/// <summary>Builds the training and hold-out sources a <see cref="TrainingOptions"/> asks for.</summary>
public static class SampleSources
{
    public static (ITrainingSampleSource Train, ITrainingSampleSource Validation) Create(TrainingOptions options, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var architecture = options.ResolveArchitecture();
        var labels = LabelMap.Load(labelsPath);
        if (labels.Count != architecture.Classes - 1)
        {
            throw new InvalidDataException($"'{labelsPath}' lists {labels.Count} tokens; the model has {architecture.Classes - 1} plus the blank.");
        }

        if (options.Data == "glyphs")
        {
            return (new GlyphPatternSource(labels.Count, options.Seed, architecture.TotalStride, architecture.InputHeight, architecture.InputWidth),
                    new GlyphPatternSource(labels.Count, options.ValidationSeed, architecture.TotalStride, architecture.InputHeight, architecture.InputWidth));
        }

        var synth = Load(options.SynthConfig);
        var validation = options.ValidationSynthConfig is null ? synth : Load(options.ValidationSynthConfig);
        return (new SynthSampleSource(synth, options.Seed, labels, architecture.TotalStride),
                new SynthSampleSource(validation, options.ValidationSeed, labels, architecture.TotalStride));
    }

    private static SynthOptions Load(string? path) => path is null ? new SynthOptions() : SynthConfig.Load(path);
}
