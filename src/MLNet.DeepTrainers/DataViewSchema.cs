using System.Collections;

namespace MLNet.DeepTrainers;

/// <summary>The columns of an <see cref="IDataView"/>: names, types and annotations, in order.</summary>
public sealed class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _byName;

    internal DataViewSchema(IEnumerable<(string Name, DataViewType Type, Annotations? Annotations)> columns)
    {
        _columns = columns.Select((c, i) => new Column(c.Name, i, c.Type, c.Annotations ?? Annotations.Empty)).ToArray();
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            if (!_byName.TryAdd(column.Name, column.Index))
                throw new ArgumentException($"Column '{column.Name}' appears twice. Give each column a distinct name (use [ColumnName] or CopyColumns).");
        }
    }

    /// <summary>The number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>The column named <paramref name="name"/>; the error lists the columns that exist.</summary>
    public Column this[string name] => GetColumnOrNull(name) ?? throw MissingColumn(name);

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public Column? GetColumnOrNull(string name) => _byName.TryGetValue(name, out int i) ? _columns[i] : null;

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}: {c.Type}"));

    /// <summary>The one error for a column that is not there, listing the columns that are; <paramref name="user"/> names the caller.</summary>
    internal ArgumentOutOfRangeException MissingColumn(string name, string? user = null) =>
        new("name", $"{(user is null ? "Column" : $"{user}: column")} '{name}' not found. The data has the columns: {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.");

    /// <summary>One column: its name, position, type and annotations.</summary>
    public readonly struct Column
    {
        internal Column(string name, int index, DataViewType type, Annotations annotations)
        {
            Name = name;
            Index = index;
            Type = type;
            Annotations = annotations;
        }

        /// <summary>The column's name.</summary>
        public string Name { get; }

        /// <summary>The column's position in its schema.</summary>
        public int Index { get; }

        /// <summary>The column's type.</summary>
        public DataViewType Type { get; }

        /// <summary>Extra facts about the values: key names, slot names.</summary>
        public Annotations Annotations { get; }

        /// <summary>ML.NET's form: "Name: Type", then the annotations it carries in braces.</summary>
        public override string ToString()
        {
            var kinds = new[] { (Annotations.StoredKeyValues is not null, Annotations.KeyValuesKind), (Annotations.SlotNames is not null, Annotations.SlotNamesKind) }
                .Where(a => a.Item1).Select(a => a.Item2).ToArray();
            return $"{Name}: {Type}{(kinds.Length > 0 ? $" {{{string.Join(", ", kinds)}}}" : "")}";
        }
    }

    /// <summary>
    /// Facts attached to a column, by ML.NET's kind names: <c>KeyValues</c> (the value of each key, the
    /// first for key 1) so a <c>PredictedLabel</c> maps back to the original text, and <c>SlotNames</c>
    /// (the name of each slot of a vector). Read them as ML.NET does with <see cref="GetValue{TValue}"/>
    /// or <c>column.GetKeyValues</c> / <c>column.GetSlotNames</c>, or as arrays through the properties.
    /// </summary>
    public sealed class Annotations
    {
        internal const string KeyValuesKind = "KeyValues";
        internal const string SlotNamesKind = "SlotNames";
        // Beyond this many keys, sparse key values are not spelled out as an array.
        private const int MaximumDenseKeyValues = 1 << 24;
        internal static readonly Annotations Empty = new(null, null);

        private readonly int[]? _keyValueIndices;
        private readonly int _keyCount;
        private readonly Lazy<Array?> _denseKeyValues;

        internal Annotations(Array? keyValues, string[]? slotNames)
            : this(keyValues, null, keyValues?.Length ?? 0, slotNames) { }

        private Annotations(Array? keyValues, int[]? keyValueIndices, int keyCount, string[]? slotNames)
        {
            _keyValueIndices = keyValueIndices;
            _keyCount = keyCount;
            SlotNames = slotNames;
            StoredKeyValues = keyValues;
            _denseKeyValues = new(() => keyValueIndices is null ? keyValues : Densify((string[])keyValues!, keyValueIndices, keyCount));
        }

        /// <summary>Text key values known for only some of <paramref name="keyCount"/> keys: key <c>indices[i] + 1</c> has <c>values[i]</c>, the others the empty text.</summary>
        internal static Annotations SparseKeyValues(int keyCount, int[] indices, string[] values) => new(values, indices, keyCount, null);

        /// <summary>The value of each key (string[], float[], ...), or null; a key without a known value has the empty text.</summary>
        public Array? KeyValues => _denseKeyValues.Value;

        /// <summary>The name of each slot of a vector column, or null.</summary>
        public IReadOnlyList<string>? SlotNames { get; }

        /// <summary>The key values as stored: dense, or the explicit ones of sparse key values (what a model file saves).</summary>
        internal Array? StoredKeyValues { get; }

        /// <summary>The indices of <see cref="StoredKeyValues"/> when sparse, else null.</summary>
        internal int[]? KeyValueIndices => _keyValueIndices;

        /// <summary>The number of keys the key values describe.</summary>
        internal int KeyCount => _keyCount;

        /// <summary>Whether an annotation of <paramref name="kind"/> is present.</summary>
        private bool Has(string kind) => kind switch
        {
            KeyValuesKind => StoredKeyValues is not null,
            SlotNamesKind => SlotNames is not null,
            _ => false,
        };

        /// <summary>
        /// ML.NET's way to read an annotation: <c>"KeyValues"</c> as <c>VBuffer&lt;T&gt;</c> (sparse when
        /// only some keys have values, as after <c>Hash</c> with <c>maximumNumberOfInverts</c>) or T[],
        /// <c>"SlotNames"</c> as <c>VBuffer&lt;ReadOnlyMemory&lt;char&gt;&gt;</c> or string[].
        /// </summary>
        public void GetValue<TValue>(string kind, ref TValue value)
        {
            ArgumentNullException.ThrowIfNull(kind);
            value = kind switch
            {
                KeyValuesKind when StoredKeyValues is Array keys => ValueViews.AnnotationValue<TValue>(keys, _keyValueIndices, _keyCount, "KeyValues"),
                SlotNamesKind when SlotNames is not null => ValueViews.AnnotationValue<TValue>(SlotNames.ToArray(), null, SlotNames.Count, "SlotNames"),
                _ => throw new InvalidOperationException($"There is no '{kind}' annotation on this column; it has {(Has(KeyValuesKind) || Has(SlotNamesKind) ? string.Join(" and ", new[] { KeyValuesKind, SlotNamesKind }.Where(Has)) : "none")}."),
            };
        }

        private static string[] Densify(string[] values, int[] indices, int keyCount)
        {
            if (keyCount > MaximumDenseKeyValues)
                throw new InvalidOperationException($"The column's {keyCount} keys are too many to list as an array; read its known key values with GetValue(\"KeyValues\", ref VBuffer<ReadOnlyMemory<char>>).");
            var dense = Enumerable.Repeat("", keyCount).ToArray();
            for (int i = 0; i < indices.Length; i++)
                dense[indices[i]] = values[i];
            return dense;
        }
    }
}
