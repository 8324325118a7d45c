namespace MLNet.DeepTrainers;

/// <summary><c>ml.Transforms</c>: column operations, normalizers, categorical encodings, conversions and (TextTransforms.cs) text.</summary>
public sealed partial class TransformsCatalog
{
    internal TransformsCatalog() { }

    /// <summary>Categorical encodings (<c>ml.Transforms.Categorical</c>).</summary>
    public CategoricalTransforms Categorical { get; } = new();

    /// <summary>Type and key conversions (<c>ml.Transforms.Conversion</c>).</summary>
    public ConversionTransforms Conversion { get; } = new();

    /// <summary>Joins scalars and vectors of one item type (Single, for features) into one vector column.</summary>
    public ColumnConcatenatingEstimator Concatenate(string outputColumnName, params string[] inputColumnNames) => new(outputColumnName, inputColumnNames);

    /// <summary>
    /// Applies <paramref name="mapAction"/> to each row: the input columns fill a <typeparamref name="TSrc"/>
    /// by member name, and each member of the <typeparamref name="TDst"/> it fills becomes a column. With a
    /// <paramref name="contractName"/> (and a <see cref="CustomMappingFactory{TSrc, TDst}"/> for it) the
    /// pipeline can be saved and loaded; without one it cannot be saved.
    /// </summary>
    public CustomMappingEstimator<TSrc, TDst> CustomMapping<TSrc, TDst>(Action<TSrc, TDst> mapAction, string? contractName)
        where TSrc : class, new()
        where TDst : class, new() => new(mapAction, contractName);

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
    public NormalizingEstimator NormalizeMeanVariance(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero, bool useCdf = false) =>
        NormalizeMeanVariance([new InputOutputColumnPair(outputColumnName, inputColumnName)], maximumExampleCount, fixZero, useCdf);

    /// <summary><see cref="NormalizeMeanVariance(string, string?, long, bool, bool)"/> of several columns, each learned on its own.</summary>
    public NormalizingEstimator NormalizeMeanVariance(InputOutputColumnPair[] columns, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero, bool useCdf = false) =>
        new(NormalizerColumn.Of(InputOutputColumnPair.Check(columns, "NormalizeMeanVariance"), NormalizerMode.MeanVariance, maximumExampleCount, fixZero, useCdf));

    /// <summary>
    /// Min-max normalization, per slot. With <paramref name="fixZero"/> = true (ML.NET's default) it divides
    /// by max(|min|, |max|), into [-1, 1]; with false it maps [min, max] onto [0, 1].
    /// </summary>
    public NormalizingEstimator NormalizeMinMax(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero) =>
        NormalizeMinMax([new InputOutputColumnPair(outputColumnName, inputColumnName)], maximumExampleCount, fixZero);

    /// <summary><see cref="NormalizeMinMax(string, string?, long, bool)"/> of several columns, each learned on its own.</summary>
    public NormalizingEstimator NormalizeMinMax(InputOutputColumnPair[] columns, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero) =>
        new(NormalizerColumn.Of(InputOutputColumnPair.Check(columns, "NormalizeMinMax"), NormalizerMode.MinMax, maximumExampleCount, fixZero));

    /// <summary>
    /// Log-normal normalization, per slot, from the mean and variance of ln x over the positive values.
    /// With <paramref name="useCdf"/> (the default, as in ML.NET) y = Φ((ln x - mean) / std), and 0 for
    /// x ≤ 0; without it ML.NET's affine map of those statistics, applied to x itself.
    /// </summary>
    public NormalizingEstimator NormalizeLogMeanVariance(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool useCdf = true) =>
        NormalizeLogMeanVariance(outputColumnName, fixZero: false, inputColumnName, maximumExampleCount, useCdf);

    /// <summary><see cref="NormalizeLogMeanVariance(string, string?, long, bool)"/>; <paramref name="fixZero"/> matters without the CDF, as in <see cref="NormalizeMeanVariance(string, string?, long, bool, bool)"/>.</summary>
    public NormalizingEstimator NormalizeLogMeanVariance(string outputColumnName, bool fixZero, string? inputColumnName = null, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool useCdf = true) =>
        NormalizeLogMeanVariance([new InputOutputColumnPair(outputColumnName, inputColumnName)], fixZero, maximumExampleCount, useCdf);

    /// <summary><see cref="NormalizeLogMeanVariance(string, string?, long, bool)"/> of several columns, each learned on its own.</summary>
    public NormalizingEstimator NormalizeLogMeanVariance(InputOutputColumnPair[] columns, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool useCdf = true) =>
        NormalizeLogMeanVariance(columns, fixZero: false, maximumExampleCount, useCdf);

    /// <summary><see cref="NormalizeLogMeanVariance(string, bool, string?, long, bool)"/> of several columns, each learned on its own.</summary>
    public NormalizingEstimator NormalizeLogMeanVariance(InputOutputColumnPair[] columns, bool fixZero, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool useCdf = true) =>
        new(NormalizerColumn.Of(InputOutputColumnPair.Check(columns, "NormalizeLogMeanVariance"), NormalizerMode.LogMeanVariance, maximumExampleCount, fixZero, useCdf));

    /// <summary>
    /// Binning normalization, per slot: at most <paramref name="maximumBinCount"/> bins holding about
    /// equally many training values; a value maps to its bin's index / (bins - 1), into [0, 1]. With
    /// <paramref name="fixZero"/> (ML.NET's default) the result is shifted so that 0 stays 0.
    /// </summary>
    public NormalizingEstimator NormalizeBinning(string outputColumnName, string? inputColumnName = null, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero, int maximumBinCount = NormalizerDefaults.MaximumBinCount) =>
        NormalizeBinning([new InputOutputColumnPair(outputColumnName, inputColumnName)], maximumExampleCount, fixZero, maximumBinCount);

    /// <summary><see cref="NormalizeBinning(string, string?, long, bool, int)"/> of several columns, each learned on its own.</summary>
    public NormalizingEstimator NormalizeBinning(InputOutputColumnPair[] columns, long maximumExampleCount = NormalizerDefaults.MaximumExampleCount, bool fixZero = NormalizerDefaults.FixZero, int maximumBinCount = NormalizerDefaults.MaximumBinCount) =>
        new(NormalizerColumn.Of(InputOutputColumnPair.Check(columns, "NormalizeBinning"), NormalizerMode.Binning, maximumExampleCount, fixZero, maximumBinCount: maximumBinCount));

    /// <summary>
    /// Divides each row's Single vector by its norm (<paramref name="norm"/>: L2, standard deviation, L1 or
    /// the largest absolute value), after subtracting the row's mean with <paramref name="ensureZeroMean"/>.
    /// </summary>
    public LpNormNormalizingEstimator NormalizeLpNorm(string outputColumnName, string? inputColumnName = null,
        LpNormNormalizingEstimatorBase.NormFunction norm = LpNormNormalizingEstimatorBase.NormFunction.L2, bool ensureZeroMean = false) =>
        new(InputOutputColumnPair.Check([new InputOutputColumnPair(outputColumnName, inputColumnName)], "NormalizeLpNorm"), norm, ensureZeroMean);

    /// <summary>Marks where a Single or Double column (or each slot of a vector) is missing (NaN): a Boolean, or a Boolean vector.</summary>
    public MissingValueIndicatorEstimator IndicateMissingValues(string outputColumnName, string? inputColumnName = null) =>
        IndicateMissingValues([new InputOutputColumnPair(outputColumnName, inputColumnName)]);

    /// <summary><see cref="IndicateMissingValues(string, string?)"/> for several columns.</summary>
    public MissingValueIndicatorEstimator IndicateMissingValues(InputOutputColumnPair[] columns) =>
        new(InputOutputColumnPair.Check(columns, "IndicateMissingValues"));

    /// <summary>
    /// Replaces missing values (NaN) with 0 or with a statistic of the column's finite values learned in
    /// fitting, per slot of a vector with <paramref name="imputeBySlot"/> (ML.NET's default), else across slots.
    /// </summary>
    public MissingValueReplacingEstimator ReplaceMissingValues(string outputColumnName, string? inputColumnName = null,
        MissingValueReplacingEstimator.ReplacementMode replacementMode = MissingValueReplacingEstimator.ReplacementMode.DefaultValue, bool imputeBySlot = true) =>
        ReplaceMissingValues([new InputOutputColumnPair(outputColumnName, inputColumnName)], replacementMode, imputeBySlot);

    /// <summary><see cref="ReplaceMissingValues(string, string?, MissingValueReplacingEstimator.ReplacementMode, bool)"/> for several columns, each learned on its own.</summary>
    public MissingValueReplacingEstimator ReplaceMissingValues(InputOutputColumnPair[] columns,
        MissingValueReplacingEstimator.ReplacementMode replacementMode = MissingValueReplacingEstimator.ReplacementMode.DefaultValue, bool imputeBySlot = true) =>
        new(InputOutputColumnPair.Check(columns, "ReplaceMissingValues"), replacementMode, imputeBySlot);

    /// <summary><c>ml.Transforms.Categorical</c>.</summary>
    public sealed class CategoricalTransforms
    {
        internal CategoricalTransforms() { }

        /// <summary>
        /// One-hot encoding (or key, bag, binary) of a column's categories, learned in fitting, or taken
        /// from the one column of <paramref name="keyData"/> when it is given.
        /// </summary>
        public OneHotEncodingEstimator OneHotEncoding(string outputColumnName, string? inputColumnName = null,
            OneHotEncodingEstimator.OutputKind outputKind = OneHotEncodingEstimator.OutputKind.Indicator, int maximumNumberOfKeys = KeyDefaults.MaximumNumberOfKeys,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, IDataView? keyData = null) =>
            OneHotEncoding([new InputOutputColumnPair(outputColumnName, inputColumnName)], outputKind, maximumNumberOfKeys, keyOrdinality, keyData);

        /// <summary><see cref="OneHotEncoding(string, string?, OneHotEncodingEstimator.OutputKind, int, ValueToKeyMappingEstimator.KeyOrdinality, IDataView?)"/> of several columns, each with its own categories.</summary>
        public OneHotEncodingEstimator OneHotEncoding(InputOutputColumnPair[] columns,
            OneHotEncodingEstimator.OutputKind outputKind = OneHotEncodingEstimator.OutputKind.Indicator, int maximumNumberOfKeys = KeyDefaults.MaximumNumberOfKeys,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, IDataView? keyData = null) =>
            new(InputOutputColumnPair.Check(columns, "OneHotEncoding"), outputKind, maximumNumberOfKeys, keyOrdinality, keyData);

        /// <summary>
        /// One-hot encoding through a hash (ML.NET's OneHotHashEncoding): each value is hashed to one of
        /// 2^<paramref name="numberOfBits"/> slots, so nothing is learned and unseen values get a slot too.
        /// </summary>
        public OneHotHashEncodingEstimator OneHotHashEncoding(string outputColumnName, string? inputColumnName = null,
            OneHotEncodingEstimator.OutputKind outputKind = OneHotEncodingEstimator.OutputKind.Indicator, int numberOfBits = OneHotHashDefaults.NumberOfBits,
            uint seed = HashDefaults.Seed, bool useOrderedHashing = OneHotHashDefaults.UseOrderedHashing, int maximumNumberOfInverts = HashDefaults.MaximumNumberOfInverts) =>
            OneHotHashEncoding([new InputOutputColumnPair(outputColumnName, inputColumnName)], outputKind, numberOfBits, seed, useOrderedHashing, maximumNumberOfInverts);

        /// <summary><see cref="OneHotHashEncoding(string, string?, OneHotEncodingEstimator.OutputKind, int, uint, bool, int)"/> of several columns.</summary>
        public OneHotHashEncodingEstimator OneHotHashEncoding(InputOutputColumnPair[] columns,
            OneHotEncodingEstimator.OutputKind outputKind = OneHotEncodingEstimator.OutputKind.Indicator, int numberOfBits = OneHotHashDefaults.NumberOfBits,
            uint seed = HashDefaults.Seed, bool useOrderedHashing = OneHotHashDefaults.UseOrderedHashing, int maximumNumberOfInverts = HashDefaults.MaximumNumberOfInverts) =>
            new(InputOutputColumnPair.Check(columns, "OneHotHashEncoding")
                .Select(c => new OneHotHashEncodingEstimator.ColumnOptions(c.Output, c.Input, outputKind, numberOfBits, seed, useOrderedHashing, maximumNumberOfInverts)).ToArray());
    }

    /// <summary><c>ml.Transforms.Conversion</c>.</summary>
    public sealed class ConversionTransforms
    {
        internal ConversionTransforms() { }

        /// <summary>
        /// Ordinal encoding: each category to a key, numbered by occurrence or by value, learned in
        /// fitting, or taken from the one column of <paramref name="keyData"/> when it is given.
        /// </summary>
        public ValueToKeyMappingEstimator MapValueToKey(string outputColumnName, string? inputColumnName = null, int maximumNumberOfKeys = KeyDefaults.MaximumNumberOfKeys,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, bool addKeyValueAnnotationsAsText = false, IDataView? keyData = null) =>
            MapValueToKey([new InputOutputColumnPair(outputColumnName, inputColumnName)], maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText, keyData);

        /// <summary><see cref="MapValueToKey(string, string?, int, ValueToKeyMappingEstimator.KeyOrdinality, bool, IDataView?)"/> of several columns, each with its own categories.</summary>
        public ValueToKeyMappingEstimator MapValueToKey(InputOutputColumnPair[] columns, int maximumNumberOfKeys = KeyDefaults.MaximumNumberOfKeys,
            ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, bool addKeyValueAnnotationsAsText = false, IDataView? keyData = null) =>
            new(InputOutputColumnPair.Check(columns, "MapValueToKey"), maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText, keyData);

        /// <summary>
        /// Hashes a column's values (each item of a vector) to keys of 2^<paramref name="numberOfBits"/>
        /// with ML.NET's MurmurHash3 and seed; missing values become key 0. With
        /// <paramref name="maximumNumberOfInverts"/> not 0, fitting keeps that many values met behind each
        /// key (-1: all) as the column's key values.
        /// </summary>
        public HashingEstimator Hash(string outputColumnName, string? inputColumnName = null, int numberOfBits = HashDefaults.NumberOfBits, int maximumNumberOfInverts = HashDefaults.MaximumNumberOfInverts) =>
            Hash(new HashingEstimator.ColumnOptions(outputColumnName, inputColumnName, numberOfBits, maximumNumberOfInverts: maximumNumberOfInverts));

        /// <summary>Hashes several columns, each with its own options.</summary>
        public HashingEstimator Hash(params HashingEstimator.ColumnOptions[] columns) => new(columns);

        /// <summary>A key back to the value it stands for.</summary>
        public KeyToValueMappingEstimator MapKeyToValue(string outputColumnName, string? inputColumnName = null) =>
            MapKeyToValue([new InputOutputColumnPair(outputColumnName, inputColumnName)]);

        /// <summary>Keys back to the values they stand for, for several columns.</summary>
        public KeyToValueMappingEstimator MapKeyToValue(InputOutputColumnPair[] columns) =>
            new(InputOutputColumnPair.Check(columns, "MapKeyToValue"));

        /// <summary>Converts a column to another scalar type.</summary>
        public TypeConvertingEstimator ConvertType(string outputColumnName, string? inputColumnName = null, DataKind outputKind = DataKind.Single) =>
            ConvertType([new InputOutputColumnPair(outputColumnName, inputColumnName)], outputKind);

        /// <summary>Converts several columns to one scalar type.</summary>
        public TypeConvertingEstimator ConvertType(InputOutputColumnPair[] columns, DataKind outputKind = DataKind.Single) =>
            new(InputOutputColumnPair.Check(columns, "ConvertType"), outputKind);
    }
}
