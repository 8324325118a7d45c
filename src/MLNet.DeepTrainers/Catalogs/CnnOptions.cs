namespace MLNet.DeepTrainers;

/// <summary>
/// A convolutional network over images: for each entry of <see cref="Filters"/> a Conv2D block (the
/// convolution with <see cref="Activation"/>, then MaxPooling2D); then Flatten, the Dense layers of
/// <see cref="DenseLayers"/> (each with optional dropout) and the output layer. The defaults: blocks of
/// 32 and 64 filters of 3×3 with 2×2 pooling, then Dense 64.
/// </summary>
public sealed class CnnOptions : DeepTrainerOptions
{
    /// <summary>The filters of each convolution.</summary>
    public int[] Filters { get; set; } = Defaults.Filters;

    /// <summary>The kernels' height and width.</summary>
    public int KernelSize { get; set; } = Defaults.KernelSize;

    /// <summary>The max-pooling size between convolutions.</summary>
    public int PoolSize { get; set; } = Defaults.PoolSize;

    /// <summary>Valid or Same padding for the convolutions.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>The units of each Dense layer after Flatten.</summary>
    public int[] DenseLayers { get; set; } = Defaults.DenseLayers;

    /// <summary>The activation of every convolution and hidden Dense layer.</summary>
    public ActivationKind Activation { get; set; } = ActivationKind.ReLU;

    /// <summary>The dropout rate after each hidden Dense layer; 0 for none.</summary>
    public float DropoutRate { get; set; }

    /// <summary>
    /// The (channels, height, width) of each example when the feature column is a flat vector (784 to
    /// (1, 28, 28), say); null when the column is already declared with that shape.
    /// </summary>
    public int[]? ImageShape { get; set; }

    internal override int[] InputShape(int[] columnShape) => columnShape;

    internal override IReadOnlyList<Layer> BuildLayers(int outputs)
    {
        var layers = new List<Layer>();
        if (ImageShape is not null)
            layers.Add(new Reshape(ImageShape));
        foreach (int filters in Filters)
        {
            layers.Add(new Conv2D(filters, KernelSize, padding: Padding, activation: Activation));
            layers.Add(new MaxPooling2D(PoolSize));
        }
        layers.Add(new Flatten());
        foreach (int units in DenseLayers)
        {
            layers.Add(new Dense(units, Activation));
            if (DropoutRate > 0)
                layers.Add(new Dropout(DropoutRate));
        }
        layers.Add(new Dense(outputs));
        return layers;
    }

    internal override void Validate(string user)
    {
        base.Validate(user);
        if (Filters is null || Filters.Length == 0 || Filters.Any(f => f <= 0) || DenseLayers is null || DenseLayers.Any(u => u <= 0))
            throw new ArgumentOutOfRangeException(nameof(Filters), $"{user}: a CNN needs one or more positive filter counts and positive Dense units.");
        if (!(DropoutRate >= 0 && DropoutRate < 1))
            throw new ArgumentOutOfRangeException(nameof(DropoutRate), DropoutRate, $"{user}: the dropout rate must be in [0, 1).");
    }
}
