namespace MLNet.DeepTrainers;

/// <summary>Every default of the deep trainers, in one place: the simple overloads and the options classes read them from here.</summary>
internal static class Defaults
{
    /// <summary>Passes over the training data.</summary>
    public const int Epochs = 20;

    /// <summary>Rows per gradient step (Keras's default).</summary>
    public const int BatchSize = 32;

    /// <summary>Adam's learning rate (Keras's default).</summary>
    public const double LearningRate = 0.001;

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

    /// <summary>The column names ML.NET's trainers default to.</summary>
    public const string LabelColumnName = "Label";

    /// <inheritdoc cref="LabelColumnName"/>
    public const string FeatureColumnName = "Features";
}
