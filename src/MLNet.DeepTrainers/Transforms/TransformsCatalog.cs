namespace MLNet.DeepTrainers;

/// <summary><c>ml.Transforms</c>: column operations, normalizers, categorical encodings and conversions.</summary>
public sealed class TransformsCatalog
{
    internal TransformsCatalog() { }

    /// <summary>Categorical encodings (<c>ml.Transforms.Categorical</c>).</summary>
    public CategoricalTransforms Categorical { get; } = new();

    /// <summary>Type and key conversions (<c>ml.Transforms.Conversion</c>).</summary>
    public ConversionTransforms Conversion { get; } = new();

    /// <summary>Joins Single scalars and vectors into one Single vector column.</summary>
    public ColumnConcatenatingEstimator Concatenate(string outputColumnName, params string[] inputColumnNames) => new(outputColumnName, inputColumnNames);

    /// <summary>Copies a column under a new name.</summary>
    public ColumnCopyingEstimator CopyColumns(string outputColumnName, string inputColumnName) => new(outputColumnName, inputColumnName);

    /// <summary>Removes the named columns.</summary>
    public ColumnSelectingEstimator DropColumns(params string[] columnNames) => new(columnNames, keep: false);

    /// <summary>Keeps only the named columns, in that order.</summary>
    public ColumnSelectingEstimator SelectColumns(params string[] columnNames) => new(columnNames, keep: true);

    /// <summary>
    /// Z-score normalization, per slot, from the mean and population variance. As in ML.NET, the default
    /// <paramref name="fixZero"/> = true keeps 0 at 0 and so does not centre: it divides by
    /// sqrt(variance + mean²). Pass <c>fixZero: false</c> for the classic (x - mean) / std.
    /// <paramref name="useCdf"/> maps the z-score through the standard normal CDF into (0, 1).
    /// </summary>
    public NormalizingEstimator NormalizeMeanVariance(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = 1000000000, bool fixZero = true, bool useCdf = false) =>
        new(NormalizerMode.MeanVariance, outputColumnName, inputColumnName, maximumExampleCount, fixZero, useCdf);

    /// <summary>
    /// Min-max normalization, per slot. With <paramref name="fixZero"/> = true (ML.NET's default) it divides
    /// by max(|min|, |max|), into [-1, 1]; with false it maps [min, max] onto [0, 1].
    /// </summary>
    public NormalizingEstimator NormalizeMinMax(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = 1000000000, bool fixZero = true) =>
        new(NormalizerMode.MinMax, outputColumnName, inputColumnName, maximumExampleCount, fixZero, useCdf: false);

    /// <summary><c>ml.Transforms.Categorical</c>.</summary>
    public sealed class CategoricalTransforms
    {
        internal CategoricalTransforms() { }

        /// <summary>One-hot encoding (or key, bag, binary) of a column's categories, learned in fitting.</summary>
        public OneHotEncodingEstimator OneHotEncoding(string outputColumnName, string? inputColumnName = null,
            OneHotEncodingEstimator.OutputKind outputKind = OneHotEncodingEstimator.OutputKind.Indicator, int maximumNumberOfKeys = 1000000,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence) =>
            new(outputColumnName, inputColumnName, outputKind, maximumNumberOfKeys, keyOrdinality);
    }

    /// <summary><c>ml.Transforms.Conversion</c>.</summary>
    public sealed class ConversionTransforms
    {
        internal ConversionTransforms() { }

        /// <summary>Ordinal encoding: each category to a key, numbered by occurrence or by value.</summary>
        public ValueToKeyMappingEstimator MapValueToKey(string outputColumnName, string? inputColumnName = null, int maximumNumberOfKeys = 1000000,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, bool addKeyValueAnnotationsAsText = false) =>
            new(outputColumnName, inputColumnName, maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText);

        /// <summary>A key back to the value it stands for.</summary>
        public KeyToValueMappingEstimator MapKeyToValue(string outputColumnName, string? inputColumnName = null) =>
            new(outputColumnName, inputColumnName ?? outputColumnName);

        /// <summary>Converts a column to another scalar type.</summary>
        public TypeConvertingEstimator ConvertType(string outputColumnName, string? inputColumnName = null, DataKind outputKind = DataKind.Single) =>
            new(outputColumnName, inputColumnName ?? outputColumnName, outputKind);
    }
}
