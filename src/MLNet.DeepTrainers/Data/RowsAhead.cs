namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A second cursor over a mapped view's input that meets the same rows in the same order as the view's
/// own cursor, so that a column computing many rows at once (a model's scores) can read ahead of it.
/// Only offered where the rows repeat: not for a shuffled cursor, not over a live source.
/// Opened on first use; disposed with the cursor it serves.
/// </summary>
internal sealed class RowsAhead(IDataView input) : IDisposable
{
    private DataViewRowCursor? _cursor;

    /// <summary>The cursor, reading <paramref name="column"/> (one column per view: the first call decides).</summary>
    public DataViewRowCursor Cursor(DataViewSchema.Column column) => _cursor ??= input.GetRowCursor([column]);

    public void Dispose() => _cursor?.Dispose();
}
