namespace MLNet.DeepTrainers;

/// <summary>Every default of the deep trainers, in one place: the simple overloads and the options classes read them from here.</summary>
internal static class Defaults
{
    /// <summary>Passes over the training data.</summary>
    public const int Epochs = 20;

    /// <summary>Rows per gradient step (Keras's default).</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate (Keras's default): measured best for the MLP and CNN (README, "Defaults").</summary>
    public const double LearningRate = 0.001;

    /// <summary>
    /// Adam's learning rate for Dense, a linear model: its loss is convex, and at Keras's 1e-3 it had not
    /// converged after 20 epochs of ML.NET's samples or of the seeds' small data sets (README, "Defaults").
    /// </summary>
    public const double DenseLearningRate = 0.01;

    /// <summary>The MLP's hidden layers.</summary>
    public static int[] HiddenLayers => [64, 64];

    /// <summary>The CNN's convolution filters, one Conv2D block each.</summary>
    public static int[] Filters => [32, 64];

    /// <summary>The CNN's Dense layers after Flatten.</summary>
    public static int[] DenseLayers => [64];

    /// <summary>The CNN's kernel size.</summary>
    public const int KernelSize = 3;

    /// <summary>The CNN's max-pooling size.</summary>
    public const int PoolSize = 2;

    /// <summary>Whether the trainers standardise inputs ML.NET's normalisers did not.</summary>
    public const InputNormalization NormalizeInputs = InputNormalization.Auto;

    /// <summary>Where token sequences are padded (Keras's <c>pad_sequences</c> default, "pre").</summary>
    public const SequenceSide SequencePadding = SequenceSide.Pre;

    /// <summary>Which end of a long token sequence is cut (Keras's <c>pad_sequences</c> default, "pre": the last tokens are kept).</summary>
    public const SequenceSide SequenceTruncating = SequenceSide.Pre;

    /// <summary>Whether regression networks learn their label standardised.</summary>
    public const bool NormalizeLabel = true;

    /// <summary>The column names ML.NET's trainers default to.</summary>
    public const string LabelColumnName = "Label";

    /// <inheritdoc cref="LabelColumnName"/>
    public const string FeatureColumnName = "Features";
}
