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

    /// <summary>A getter for <paramref name="column"/>; <typeparamref name="TValue"/> must be the column type's raw type.</summary>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>Releases the cursor's resources (an open file, say).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override when the cursor owns any.</summary>
    protected virtual void Dispose(bool disposing) { }

    private protected static void CheckGetterType<TValue>(DataViewSchema.Column column)
    {
        if (typeof(TValue) != column.Type.RawType)
            throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type} values, read as {column.Type.RawType.Name}; it was asked for as {typeof(TValue).Name}.");
    }
}
