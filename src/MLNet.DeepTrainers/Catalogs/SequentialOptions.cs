namespace MLNet.DeepTrainers;

/// <summary>
/// Any stack of layers, Keras's Sequential: the list is the whole network, its output layer included,
/// which must give 1 output (regression, binary) or one per class. A final sigmoid (binary) or softmax
/// (multiclass) is taken over by the task, which computes the loss from the raw outputs for stability.
/// </summary>
public sealed class SequentialOptions : DeepTrainerOptions
{
    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers { get; set; } = [];

    internal override int[] InputShape(int[] columnShape) => columnShape;

    internal override IReadOnlyList<Layer> BuildLayers(int outputs) => Layers;

    internal override void Validate(string user)
    {
        base.Validate(user);
        if (Layers is null || Layers.Count == 0)
            throw new ArgumentException($"{user}: a Sequential network needs at least one layer.");
    }
}
