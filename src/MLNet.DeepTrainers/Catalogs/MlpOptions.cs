namespace MLNet.DeepTrainers;

/// <summary>A multi-layer perceptron: Dense hidden layers, each followed by an activation and optional dropout.</summary>
public sealed class MlpOptions : DeepTrainerOptions
{
    /// <summary>The units of each hidden layer.</summary>
    public int[] HiddenLayers { get; set; } = Defaults.HiddenLayers;

    /// <summary>The hidden layers' activation.</summary>
    public ActivationKind Activation { get; set; } = ActivationKind.ReLU;

    /// <summary>The dropout rate after each hidden layer; 0 for none.</summary>
    public float DropoutRate { get; set; }

    internal override IReadOnlyList<Layer> BuildLayers(int outputs) =>
        [.. HiddenLayers.SelectMany(units => DropoutRate > 0 ? new Layer[] { new Dense(units, Activation), new Dropout(DropoutRate) } : [new Dense(units, Activation)]),
         new Dense(outputs)];

    internal override void Validate(string user)
    {
        base.Validate(user);
        ArgumentNullException.ThrowIfNull(HiddenLayers);
        foreach (int units in HiddenLayers.Where(u => u <= 0))
            throw new ArgumentOutOfRangeException(nameof(HiddenLayers), units, $"{user}: every hidden layer needs a positive number of units.");
        if (!(DropoutRate >= 0 && DropoutRate < 1))
            throw new ArgumentOutOfRangeException(nameof(DropoutRate), DropoutRate, $"{user}: the dropout rate must be in [0, 1).");
    }
}
