namespace MLNet.DeepTrainers.Deep;

/// <summary>One Dense layer from the features to the outputs: linear, logistic or softmax regression.</summary>
public sealed class DenseOptions : DeepTrainerOptions
{
    /// <summary>The L2 penalty on the kernel; 0 for none.</summary>
    public float KernelL2 { get; set; }

    internal override IReadOnlyList<Layer> BuildLayers(int outputs) => [new Dense(outputs) { KernelL2 = KernelL2 }];
}
