namespace MLNet.DeepTrainers.Data;

/// <summary>
/// ML.NET's schema definition: how the members of a row class map onto columns, editable before the
/// class is used to load data, for what attributes cannot say at compile time (a vector's size known
/// only at run time, a column name). <c>ml.Data.LoadFromEnumerable(rows, definition)</c> uses it.
/// </summary>
public sealed class SchemaDefinition : List<SchemaDefinition.Column>
{
    /// <summary>
    /// Which members a definition takes in ML.NET: readable, writable, or both. Here a member is always
    /// one that is both (a settable property or a non-readonly field), so every direction gives the same.
    /// </summary>
    [Flags]
    public enum Direction
    {
        /// <summary>Members the data is read from (readable).</summary>
        Read = 1,
        /// <summary>Members the data is written to (writable).</summary>
        Write = 2,
        /// <summary>Members both readable and writable.</summary>
        Both = Read | Write,
    }

    /// <summary>One column: the member it comes from, its name and its type.</summary>
    public sealed class Column
    {
        internal Column(string memberName, string columnName, DataViewType columnType)
        {
            MemberName = memberName;
            ColumnName = columnName;
            ColumnType = columnType;
        }

        /// <summary>The field or property of the row class.</summary>
        public string MemberName { get; }

        /// <summary>The column's name.</summary>
        public string ColumnName { get; set; }

        /// <summary>The column's type; its .NET type must stay the member's (a vector's size may change).</summary>
        public DataViewType ColumnType { get; set; }
    }

    private SchemaDefinition(IEnumerable<Column> columns) : base(columns) { }

    /// <summary>The column named <paramref name="columnName"/>.</summary>
    public Column this[string columnName] => Find(c => c.ColumnName == columnName)
        ?? throw new ArgumentOutOfRangeException(nameof(columnName), $"The schema definition has no column '{columnName}'; it has {string.Join(", ", this.Select(c => $"'{c.ColumnName}'"))}.");

    /// <summary>The definition the attributes of <paramref name="userType"/> give: one column per public field or property not marked [NoColumn].</summary>
    public static SchemaDefinition Create(Type userType, Direction direction = Direction.Both)
    {
        ArgumentNullException.ThrowIfNull(userType);
        if (!userType.IsClass)
            throw new ArgumentOutOfRangeException(nameof(userType), $"{userType.Name} is not a class; rows are objects of a class.");
        var map = typeof(RowTypeMap<>).MakeGenericType(userType).GetProperty(nameof(RowTypeMap<object>.Columns))!;
        var members = (IEnumerable<(string Member, string Name, DataViewType Type)>)map.GetValue(null)!;
        return new(members.Select(m => new Column(m.Member, m.Name, m.Type)));
    }
}
