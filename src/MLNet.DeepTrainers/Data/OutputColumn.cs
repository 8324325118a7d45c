namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A column a transform computes: its name, type, annotations, and how to make its getter from a
/// cursor over the transform's input. The getter must be a <c>ValueGetter</c> of the type's raw type.
/// A column that computes many rows at once also gives <see cref="MakeBatchedGetter"/>, used instead
/// where a second cursor can read ahead over the same rows (<see cref="RowsAhead"/>). A vector column
/// whose rows are mostly zeros also gives <see cref="MakeSparseGetter"/>, a getter of
/// <c>VBuffer&lt;T&gt;</c> that may hold them sparsely (<see cref="SparseVectors"/>).
/// </summary>
internal sealed record OutputColumn(
    string Name,
    DataViewType Type,
    Func<DataViewRowCursor, Delegate> MakeGetter,
    DataViewSchema.Annotations? Annotations = null,
    Func<DataViewRowCursor, RowsAhead, Delegate>? MakeBatchedGetter = null,
    Func<DataViewRowCursor, Delegate>? MakeSparseGetter = null)
{
    /// <summary>A vector column computed sparsely: its dense getter is the sparse one's rows written out.</summary>
    public static OutputColumn Sparse<T>(string name, VectorDataViewType type, Func<DataViewRowCursor, ValueGetter<VBuffer<T>>> makeSparse,
        DataViewSchema.Annotations? annotations = null) =>
        new(name, type, cursor => SparseVectors.Densified(makeSparse(cursor)), annotations, MakeSparseGetter: makeSparse);
}
