using System.Collections;

namespace MLNet.DeepTrainers;

/// <summary>
/// What a schema will look like before any data is read: names, kinds and item types, without the
/// sizes that only fitting learns. Estimators check their input against it, so a pipeline fails on a
/// wrong column before it trains anything.
/// </summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>A shape of the given columns.</summary>
    public SchemaShape(IEnumerable<Column> columns) => _columns = columns.ToArray();

    /// <summary>The shape of an existing schema.</summary>
    public static SchemaShape Create(DataViewSchema schema) => new(schema.Select(c => c.Type switch
    {
        VectorDataViewType v => new Column(c.Name, v.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector, v.ItemType, v.ItemType is KeyDataViewType)
        {
            KeyValuesType = KeyValuesTypeOf(c),
        },
        KeyDataViewType k => new Column(c.Name, Column.VectorKind.Scalar, k, true) { KeyValuesType = KeyValuesTypeOf(c) },
        var t => new Column(c.Name, Column.VectorKind.Scalar, t, false),
    }));

    private static DataViewType? KeyValuesTypeOf(DataViewSchema.Column column) =>
        column.Type.ItemType() is KeyDataViewType && column.Annotations.KeyValues is Array values ? PrimitiveTypes.Of(values.GetType().GetElementType()!) : null;

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public Column this[int index] => _columns[index];

    /// <summary>Finds a column by name.</summary>
    public bool TryFindColumn(string name, out Column column)
    {
        column = _columns.FirstOrDefault(c => c.Name == name);
        return column.Name is not null;
    }

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>This shape with <paramref name="outputs"/> added, each replacing a column of its name.</summary>
    internal SchemaShape With(params Column[] outputs)
    {
        var names = outputs.Select(o => o.Name).ToHashSet();
        return new SchemaShape(_columns.Where(c => !names.Contains(c.Name)).Concat(outputs));
    }

    /// <summary>
    /// The column named <paramref name="name"/>, checked by <paramref name="accepts"/>. Errors say which
    /// component needed it, what it found, what it needs and, through <paramref name="needs"/>, how to get it.
    /// </summary>
    internal Column Require(string name, string user, Func<Column, bool> accepts, string needs)
    {
        if (!TryFindColumn(name, out var column))
            throw new ArgumentOutOfRangeException(nameof(name), $"{user}: column '{name}' not found. The data has the columns: {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.");
        if (!accepts(column))
            throw new ArgumentOutOfRangeException(nameof(name), $"{user}: column '{name}' is {column}; it needs {needs}.");
        return column;
    }

    /// <summary>A column's shape.</summary>
    public readonly struct Column
    {
        /// <summary>A column's shape.</summary>
        public Column(string name, VectorKind kind, DataViewType itemType, bool isKey)
        {
            Name = name;
            Kind = kind;
            ItemType = itemType;
            IsKey = isKey;
        }

        /// <summary>Whether a column holds one value or a vector of them.</summary>
        public enum VectorKind
        {
            /// <summary>One value per row.</summary>
            Scalar,
            /// <summary>A vector of known size per row.</summary>
            Vector,
            /// <summary>A vector whose size varies by row.</summary>
            VariableVector,
        }

        /// <summary>The column's name.</summary>
        public string Name { get; }

        /// <summary>Scalar or vector.</summary>
        public VectorKind Kind { get; }

        /// <summary>The type of each item.</summary>
        public DataViewType ItemType { get; }

        /// <summary>Whether the items are keys.</summary>
        public bool IsKey { get; }

        /// <summary>For a key column, the type of the values its keys stand for, when known.</summary>
        internal DataViewType? KeyValuesType { get; init; }

        internal bool IsSingle => ItemType.Equals(NumberDataViewType.Single) && !IsKey;

        /// <summary>Single values, or a Single vector of known size: what normalizers and trainers read.</summary>
        internal bool IsSingleOfKnownSize => IsSingle && Kind != VectorKind.VariableVector;

        /// <inheritdoc />
        public override string ToString() => Kind switch
        {
            VectorKind.Scalar => $"a {ItemType} scalar",
            VectorKind.Vector => $"a vector of {ItemType}",
            _ => $"a variable-size vector of {ItemType}",
        };
    }
}
