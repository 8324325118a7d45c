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

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Type})";
    }

    /// <summary>
    /// Facts attached to a column. <see cref="KeyValues"/> holds the category of each key (index 0 is
    /// key 1), so a <c>PredictedLabel</c> can be mapped back to the original text.
    /// </summary>
    public sealed class Annotations
    {
        internal static readonly Annotations Empty = new(null, null);

        internal Annotations(Array? keyValues, string[]? slotNames)
        {
            KeyValues = keyValues;
            SlotNames = slotNames;
        }

        /// <summary>The value of each key (string[], float[], ...), or null.</summary>
        public Array? KeyValues { get; }

        /// <summary>The name of each slot of a vector column, or null.</summary>
        public IReadOnlyList<string>? SlotNames { get; }
    }
}
