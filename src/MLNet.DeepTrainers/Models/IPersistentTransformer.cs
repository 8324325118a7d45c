namespace MLNet.DeepTrainers.Models;

/// <summary>A transformer that can be written into a model file and read back by <see cref="StageRegistry"/>.</summary>
internal interface IPersistentTransformer : ITransformer
{
    /// <summary>The stage's type name in the model file; <see cref="StageRegistry"/> maps it back to a loader.</summary>
    string StageKind { get; }

    void Save(StageWriter writer);
}
