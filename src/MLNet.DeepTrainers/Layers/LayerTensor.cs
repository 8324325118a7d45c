namespace MLNet.DeepTrainers;

/// <summary>One tensor of a layer: its PyTorch name within the layer's module, its shape, and whether gradients train it.</summary>
internal readonly record struct LayerTensor(string Name, long[] Shape, bool Trainable = true)
{
    public long Size => Shape.Aggregate(1L, (a, b) => checked(a * b));
}
