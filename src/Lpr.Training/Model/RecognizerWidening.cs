using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>
/// Grows a trained recognizer into a wider one that computes exactly the same function (Net2WiderNet): each new channel
/// of a widened layer copies an existing channel (weights and BatchNorm), and the layers that read the copies split the
/// original's outgoing weights between them. The split is uneven (random shares that sum to one), so the copies, equal
/// at the start, receive different gradients and drift apart: the wider network starts at the narrower one's accuracy
/// instead of from scratch, which is what makes a wider model affordable on a 2-core training budget.
/// Widened: a block's expanded channels (only where the block already has an expansion layer, which the copies extend)
/// and the feature channels the attention head reads. A <see cref="RecognizerArchitecture.SlotLayer"/> the source lacks
/// starts as the identity, which passes the pooled features (ReLU6 outputs averaged, in [0, 6]) through unchanged.
/// Everything else must match.
/// </summary>
public static class RecognizerWidening
{
    /// <summary>How far a copy's share of the outgoing weights may stray from an even split (±40 %).</summary>
    private const double ShareSpread = 0.4;

    /// <summary>Writes <paramref name="source"/>'s function into <paramref name="target"/>, replacing all of its weights.</summary>
    /// <exception cref="ArgumentException">The target is not a widening of the source; names the first difference.</exception>
    public static void Widen(PlateRecognizerNet source, PlateRecognizerNet target, int seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        RequireWidening(source.Architecture, target.Architecture);
        var random = new Random(seed);
        using var noGrad = no_grad();

        Copy(source.Stem, target.Stem, produced: null, read: null);
        for (var i = 0; i < source.Blocks.Count; i++)
        {
            var (from, to) = (source.Blocks[i].Layers, target.Blocks[i].Layers);
            var expanded = ChannelMap.Create(from[^1].InChannels, to[^1].InChannels, random);
            if (from.Count == 3)
            {
                Copy(from[0], to[0], produced: expanded, read: null);
            }

            Copy(from[^2], to[^2], produced: expanded, read: null);
            Copy(from[^1], to[^1], produced: null, read: expanded);
        }

        var features = ChannelMap.Create(source.Architecture.FeatureChannels, target.Architecture.FeatureChannels, random);
        Copy(source.Head, target.Head, produced: features, read: null);
        CopyReader(source.AttentionConv.weight!, source.AttentionConv.bias, target.AttentionConv.weight!, target.AttentionConv.bias, features);
        CopyReader(source.Classifier.weight!, source.Classifier.bias, target.Classifier.weight!, target.Classifier.bias, features);
        CopyReader(source.MaskHead.weight!, source.MaskHead.bias, target.MaskHead.weight!, target.MaskHead.bias, features);
        if (target.SlotLayer is { } slotLayer)
        {
            if (source.SlotLayer is { } sourceSlotLayer)
            {
                slotLayer.weight!.copy_(sourceSlotLayer.weight!);
                slotLayer.bias!.copy_(sourceSlotLayer.bias!);
            }
            else
            {
                using var identity = eye(target.Architecture.FeatureChannels);
                slotLayer.weight!.copy_(identity);
                slotLayer.bias!.zero_();
            }
        }

        if (target.AttentionPosition is { } position)
        {
            // A source without the bias behaves as a zero bias.
            if (source.AttentionPosition is { } sourcePosition)
            {
                position.copy_(sourcePosition);
            }
            else
            {
                position.zero_();
            }
        }
    }

    /// <summary>Throws unless <paramref name="target"/> only widens what <see cref="Widen"/> can widen.</summary>
    public static void RequireWidening(RecognizerArchitecture source, RecognizerArchitecture target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Require(source.InputHeight == target.InputHeight && source.InputWidth == target.InputWidth, "the input size");
        Require(source.StemChannels == target.StemChannels && source.StemStride == target.StemStride, "the stem");
        Require(source.Slots == target.Slots && source.Classes == target.Classes, "the slots and classes");
        Require(!source.PositionalAttention || target.PositionalAttention, "the attention position bias (the source has one)");
        Require(!source.SlotLayer || target.SlotLayer, "the slot layer (the source has one)");
        Require(!source.SlotLayer || source.FeatureChannels == target.FeatureChannels, "the feature channels (a slot layer is not widened)");
        Require(source.Blocks.Count == target.Blocks.Count, "the number of blocks");
        Require(target.FeatureChannels >= source.FeatureChannels, "the feature channels (fewer in the target)");
        var inChannels = source.StemChannels;
        for (var i = 0; i < source.Blocks.Count; i++)
        {
            var (from, to) = (source.Blocks[i], target.Blocks[i]);
            Require(from.KernelSize == to.KernelSize && from.Stride == to.Stride && from.OutputChannels == to.OutputChannels, $"block {i} ({from} vs {to})");
            Require(to.ExpandedChannels >= from.ExpandedChannels, $"block {i}'s expanded channels (fewer in the target)");
            // Without an expansion layer the expanded channels are the block's input; widening would add a layer.
            Require(to.ExpandedChannels == from.ExpandedChannels || from.ExpandedChannels != inChannels, $"block {i}, which has no expansion layer to widen");
            inChannels = from.OutputChannels;
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new ArgumentException($"The target architecture is not a widening of the source: {what} differs.");
        }
    }

    /// <summary>Copies one conv+BN layer; <paramref name="produced"/> maps its output channels, <paramref name="read"/> its input channels.</summary>
    private static void Copy(ConvBnRelu6 from, ConvBnRelu6 to, ChannelMap? produced, ChannelMap? read)
    {
        using var scope = NewDisposeScope();
        var outputs = produced ?? ChannelMap.Identity(from.OutChannels);
        var weight = from.Conv.weight!.detach().index_select(0, outputs.Sources());
        CopyNorm(from.Norm, to.Norm, outputs);

        // A depthwise layer reads one channel per filter: its input dimension is 1, mapped with its output.
        if (read is not null && !to.IsDepthwise)
        {
            weight = weight.index_select(1, read.Sources()) * read.Shares().view(1, -1, 1, 1);
        }

        to.Conv.weight!.copy_(weight);
    }

    private static void CopyNorm(BatchNorm2d from, BatchNorm2d to, ChannelMap map)
    {
        using var scope = NewDisposeScope();
        var sources = map.Sources();
        to.weight!.copy_(from.weight!.detach().index_select(0, sources));
        to.bias!.copy_(from.bias!.detach().index_select(0, sources));
        to.running_mean!.copy_(from.running_mean!.index_select(0, sources));
        to.running_var!.copy_(from.running_var!.index_select(0, sources));
        to.num_batches_tracked!.copy_(from.num_batches_tracked!);
    }

    /// <summary>A layer that reads the feature channels (1x1 conv [out, C, 1, 1] or linear [out, C]).</summary>
    private static void CopyReader(Tensor fromWeight, Tensor? fromBias, Tensor toWeight, Tensor? toBias, ChannelMap read)
    {
        using var scope = NewDisposeScope();
        var shares = read.Shares();
        var shape = fromWeight.dim() == 4 ? new long[] { 1, -1, 1, 1 } : [1, -1];
        toWeight.copy_(fromWeight.detach().index_select(1, read.Sources()) * shares.view(shape));
        if (fromBias is not null && toBias is not null)
        {
            toBias.copy_(fromBias.detach());
        }
    }

    /// <summary>
    /// For each channel of the wider layer, the narrower layer's channel it copies and its share of that channel's
    /// outgoing weights (the shares of one channel's copies sum to one).
    /// </summary>
    private sealed class ChannelMap
    {
        private readonly long[] sources;
        private readonly float[] shares;

        private ChannelMap(long[] sources, float[] shares)
        {
            this.sources = sources;
            this.shares = shares;
        }

        public static ChannelMap Identity(int channels) =>
            new(Enumerable.Range(0, channels).Select(c => (long)c).ToArray(), Enumerable.Repeat(1f, channels).ToArray());

        /// <summary>The first <paramref name="from"/> channels stay; each extra one copies a channel, in a random order without repeats until all are copied.</summary>
        public static ChannelMap Create(int from, int to, Random random)
        {
            var sources = new long[to];
            var order = Enumerable.Range(0, from).ToArray();
            for (var c = 0; c < to; c++)
            {
                if (c < from)
                {
                    sources[c] = c;
                    continue;
                }

                if ((c - from) % from == 0)
                {
                    random.Shuffle(order);
                }

                sources[c] = order[(c - from) % from];
            }

            var weights = sources.Select(_ => 1 + (ShareSpread * ((2 * random.NextDouble()) - 1))).ToArray();
            var totals = new double[from];
            for (var c = 0; c < to; c++)
            {
                totals[sources[c]] += weights[c];
            }

            var shares = new float[to];
            for (var c = 0; c < to; c++)
            {
                shares[c] = (float)(weights[c] / totals[sources[c]]);
            }

            return new ChannelMap(sources, shares);
        }

        public Tensor Sources() => tensor(sources, ScalarType.Int64);

        public Tensor Shares() => tensor(shares);
    }
}
