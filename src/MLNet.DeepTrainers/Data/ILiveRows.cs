namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A view whose rows change from one cursor to the next (the prediction engine's source: whatever row
/// is being predicted now), so no second cursor can read ahead over the same rows.
/// </summary>
internal interface ILiveRows
{
    bool IsLive { get; }
}
