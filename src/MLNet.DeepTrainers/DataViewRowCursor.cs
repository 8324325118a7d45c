namespace MLNet.DeepTrainers;

/// <summary>A forward-only pass over the rows of a data view.</summary>
public abstract class DataViewRowCursor : IDisposable
{
    /// <summary>The schema of the rows.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>The index of the current row, -1 before the first <see cref="MoveNext"/>.</summary>
    public abstract long Position { get; }

    /// <summary>Moves to the next row; false when there is none.</summary>
    public abstract bool MoveNext();

    /// <summary>
    /// A getter for <paramref name="column"/>. <typeparamref name="TValue"/> is the column type's raw
    /// type, or ML.NET's: <c>ReadOnlyMemory&lt;char&gt;</c> for text, <see cref="Data.VBuffer{T}"/> for a vector.
    /// </summary>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>Releases the cursor's resources (an open file, say).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override when the cursor owns any.</summary>
    protected virtual void Dispose(bool disposing) { }
}
