namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A column a transform computes: its name, type, annotations, and how to make its getter from a
/// cursor over the transform's input. The getter must be a <c>ValueGetter</c> of the type's raw type.
/// A column that computes many rows at once also gives <see cref="MakeBatchedGetter"/>, used instead
/// where a second cursor can read ahead over the same rows (<see cref="RowsAhead"/>).
/// </summary>
internal sealed record OutputColumn(
    string Name,
    DataViewType Type,
    Func<DataViewRowCursor, Delegate> MakeGetter,
    DataViewSchema.Annotations? Annotations = null,
    Func<DataViewRowCursor, RowsAhead, Delegate>? MakeBatchedGetter = null);
