namespace MLNet.DeepTrainers;

/// <summary>One Dense layer from the features to the outputs: linear, logistic or softmax regression (the seeds' first network).</summary>
public sealed class DenseOptions : DeepTrainerOptions
{
    /// <summary>Dense's options; its optimizer Adam at <see cref="Defaults.DenseLearningRate"/>.</summary>
    public DenseOptions() => Optimizer = new Adam(Defaults.DenseLearningRate);

    /// <summary>A penalty on the kernel (Keras's kernel_regularizer); null for none.</summary>
    public Regularizer? KernelRegularizer { get; set; }

    internal override IReadOnlyList<Layer> BuildLayers(int outputs) => [new Dense(outputs) { KernelRegularizer = KernelRegularizer }];
}
