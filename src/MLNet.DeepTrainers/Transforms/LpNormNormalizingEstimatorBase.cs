namespace MLNet.DeepTrainers.Transforms;

/// <summary>The base of the row-wise vector normalizers (ML.NET's layout: the norm kinds are nested here).</summary>
public abstract class LpNormNormalizingEstimatorBase : TrivialEstimator<LpNormNormalizingTransformer>
{
    private protected LpNormNormalizingEstimatorBase(LpNormNormalizingTransformer transformer) : base(transformer) { }

    /// <summary>The norm each row's vector is divided by.</summary>
    public enum NormFunction : byte
    {
        /// <summary>The Euclidean norm, sqrt(Σ x²).</summary>
        L2 = 0,
        /// <summary>The standard deviation of the row's values, sqrt(Σ (x - mean)² / n).</summary>
        StandardDeviation = 1,
        /// <summary>Σ |x|.</summary>
        L1 = 2,
        /// <summary>max |x|.</summary>
        Infinity = 3,
    }
}
