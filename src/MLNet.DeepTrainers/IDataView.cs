namespace MLNet.DeepTrainers;

/// <summary>
/// Tabular data: a schema and a way to read the rows. Views are immutable and lazy: a transform
/// returns a new view over its input, and nothing is computed until something reads a cursor.
/// </summary>
public interface IDataView
{
    /// <summary>Whether the rows can be visited in random order cheaply.</summary>
    bool CanShuffle { get; }

    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>The number of rows when known without reading them, else null.</summary>
    long? GetRowCount();

    /// <summary>Opens a cursor over the rows. Views may compute only the columns named in <paramref name="columnsNeeded"/>.</summary>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);
}
