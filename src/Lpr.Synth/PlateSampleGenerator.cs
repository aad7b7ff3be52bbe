using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;

namespace Lpr.Synth;

/// <summary>
/// Renders recognizer crops: sample <c>index</c> under a seed is always the same bytes, whichever
/// thread renders it. Thread-safe; each thread borrows its own renderer (surfaces and buffers).
/// </summary>
public sealed class PlateSampleGenerator : IDisposable
{
    private readonly ConcurrentBag<CropRenderer> idle = [];
    private readonly FontLibrary fonts;
    private readonly bool ownsFonts;
    private bool disposed;

    /// <exception cref="SynthConfigException">The options are invalid or no Korean font is available.</exception>
    public PlateSampleGenerator(SynthOptions options, long seed, FontLibrary? fonts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.EnsureValid();
        Seed = seed;
        ownsFonts = fonts is null;
        this.fonts = fonts ?? FontLibrary.Load(options.Fonts);
    }

    public SynthOptions Options { get; }

    public long Seed { get; }

    /// <summary>Renders sample <paramref name="index"/>.</summary>
    public PlateSample Generate(long index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!idle.TryTake(out var renderer))
        {
            renderer = new CropRenderer(Options, fonts);
        }

        try
        {
            return renderer.Render(Seed, index);
        }
        finally
        {
            idle.Add(renderer);
        }
    }

    /// <summary>Renders samples <paramref name="firstIndex"/> … in parallel, returned in index order.</summary>
    public PlateSample[] GenerateBatch(long firstIndex, int count, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var samples = new PlateSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i => samples[i] = Generate(firstIndex + i));
        return samples;
    }

    /// <summary>
    /// Fills a training batch without touching disk: <paramref name="images"/> gets
    /// <c>labels.Length</c> images as floats in 0..1 (row-major, channels interleaved, height ×
    /// width × channels each), <paramref name="masks"/> (when not empty) the label maps (height ×
    /// width each, see <see cref="PlateSample.CharacterMask"/>), and <paramref name="labels"/> the texts.
    /// </summary>
    public void FillBatch(long firstIndex, Memory<float> images, Memory<byte> masks, string[] labels, PlateType[]? types = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var pixels = Options.Width * Options.Height;
        var imageSize = pixels * (Options.Grayscale ? 1 : 3);
        if (images.Length < labels.Length * imageSize)
        {
            throw new ArgumentException($"images holds {images.Length} floats, a batch of {labels.Length} needs {labels.Length * imageSize}.", nameof(images));
        }

        if (!masks.IsEmpty && masks.Length < labels.Length * pixels)
        {
            throw new ArgumentException($"masks holds {masks.Length} bytes, a batch of {labels.Length} needs {labels.Length * pixels}.", nameof(masks));
        }

        if (types is not null && types.Length < labels.Length)
        {
            throw new ArgumentException($"types holds {types.Length} entries, fewer than the {labels.Length} labels.", nameof(types));
        }

        Parallel.For(0, labels.Length, i =>
        {
            var sample = Generate(firstIndex + i);
            var target = images.Span.Slice(i * imageSize, imageSize);
            var data = sample.Image.Data;
            for (var p = 0; p < data.Length; p++)
            {
                target[p] = data[p] * (1f / 255f);
            }

            if (!masks.IsEmpty)
            {
                sample.CharacterMask.CopyTo(masks.Span.Slice(i * pixels, pixels));
            }

            labels[i] = sample.Text;
            if (types is not null)
            {
                types[i] = sample.Type;
            }
        });
    }

    /// <summary>
    /// Streams <paramref name="count"/> samples in index order; batches of
    /// <paramref name="batchSize"/> are rendered in parallel while the previous batch is consumed.
    /// </summary>
    public async IAsyncEnumerable<PlateSample> StreamAsync(long firstIndex, long count, int batchSize = 256, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Task<PlateSample[]>? next = null;
        for (long start = 0; start < count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = next ?? Start(firstIndex + start, (int)Math.Min(batchSize, count - start), cancellationToken);
            var following = start + batchSize;
            next = following < count ? Start(firstIndex + following, (int)Math.Min(batchSize, count - following), cancellationToken) : null;
            foreach (var sample in await current.ConfigureAwait(false))
            {
                yield return sample;
            }
        }
    }

    private Task<PlateSample[]> Start(long first, int n, CancellationToken cancellationToken) =>
        Task.Run(() => GenerateBatch(first, n), cancellationToken);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        while (idle.TryTake(out var renderer))
        {
            renderer.Dispose();
        }

        if (ownsFonts)
        {
            fonts.Dispose();
        }
    }
}
