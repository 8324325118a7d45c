using System.Collections.Immutable;

namespace MLNet.DeepTrainers.Transforms;

// ML.NET nests the model parameters of a normalizer in NormalizingTransformer; so do we, so that
// `using static ...NormalizingTransformer;` and the type names port unchanged.
public sealed partial class NormalizingTransformer
{
    /// <summary>The base of what a normalizer learned for one column.</summary>
    public abstract class NormalizerModelParametersBase
    {
        private protected NormalizerModelParametersBase() { }
    }

    /// <summary>An affine normalization: <c>(input - Offset) * Scale</c> per slot.</summary>
    /// <typeparam name="TData">float for a scalar column, <c>ImmutableArray&lt;float&gt;</c> for a vector.</typeparam>
    public sealed class AffineNormalizerModelParameters<TData> : NormalizerModelParametersBase
    {
        internal AffineNormalizerModelParameters(TData scale, TData offset)
        {
            Scale = scale;
            Offset = offset;
        }

        /// <summary>The scale of each slot.</summary>
        public TData Scale { get; }

        /// <summary>The offset of each slot; for a vector, empty when every offset is 0 (as in ML.NET).</summary>
        public TData Offset { get; }
    }

    /// <summary>A normalization by the normal CDF of the standardized input (of its logarithm when <see cref="UseLog"/>).</summary>
    /// <typeparam name="TData">float for a scalar column, <c>ImmutableArray&lt;float&gt;</c> for a vector.</typeparam>
    public sealed class CdfNormalizerModelParameters<TData> : NormalizerModelParametersBase
    {
        internal CdfNormalizerModelParameters(TData mean, TData standardDeviation, bool useLog)
        {
            Mean = mean;
            StandardDeviation = standardDeviation;
            UseLog = useLog;
        }

        /// <summary>The mean of each slot (0 where the slot had no spread).</summary>
        public TData Mean { get; }

        /// <summary>The population standard deviation of each slot (0 where the slot had no spread: it maps to 0).</summary>
        public TData StandardDeviation { get; }

        /// <summary>Whether the logarithm of the input is standardized.</summary>
        public bool UseLog { get; }
    }

    /// <summary>A binning normalization: <c>index of the bin / Density - Offset</c>.</summary>
    /// <typeparam name="TData">float for a scalar column, <c>ImmutableArray&lt;float&gt;</c> for a vector.</typeparam>
    public sealed class BinNormalizerModelParameters<TData> : NormalizerModelParametersBase
    {
        internal BinNormalizerModelParameters(ImmutableArray<TData> upperBounds, TData density, TData offset)
        {
            UpperBounds = upperBounds;
            Density = density;
            Offset = offset;
        }

        /// <summary>The ascending upper bounds of the bins (per slot, for a vector); the last is +∞.</summary>
        public ImmutableArray<TData> UpperBounds { get; }

        /// <summary>The number of bins less one (at least 1): the divisor of the bin index.</summary>
        public TData Density { get; }

        /// <summary>With <c>fixZero</c>, the shift that keeps 0 at 0; for a vector, empty when none is needed.</summary>
        public TData Offset { get; }
    }
}
