namespace MLNet.DeepTrainers;

/// <summary>Sets a random fraction of its inputs to zero while training (scaling the rest up to keep the sum), and passes everything through after.</summary>
public sealed record Dropout : Layer
{
    /// <summary>Dropout of <paramref name="rate"/>.</summary>
    /// <param name="rate">The fraction of inputs dropped, in [0, 1).</param>
    public Dropout(float rate) => Rate = rate;

    /// <summary>The fraction of inputs dropped, in [0, 1).</summary>
    public float Rate { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (!(Rate >= 0 && Rate < 1))
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "Dropout's rate must be in [0, 1).");
        return input;
    }

    internal override MaskUse MaskUse => MaskUse.PassesOn;

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new DropoutModule(Rate, draws)];

    // Dropout passes everything through at inference.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => x;
}
