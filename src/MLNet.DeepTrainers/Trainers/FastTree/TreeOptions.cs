namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>Options FastTree and FastForest share, with ML.NET's names and defaults.</summary>
public abstract class TreeOptions
{
    private protected TreeOptions() { }

    /// <summary>The label column.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The features column: Single values or a Single vector; NaN marks a missing value.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>An optional column of per-example weights.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>The leaves of each tree.</summary>
    public int NumberOfLeaves { get; set; } = 20;

    /// <summary>The number of trees (per class, for multiclass).</summary>
    public int NumberOfTrees { get; set; } = 100;

    /// <summary>The fewest training rows a leaf may hold.</summary>
    public int MinimumExampleCountPerLeaf { get; set; } = 10;

    /// <summary>The threads; null uses every core. Results depend on the seed and this number only.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The seed of row and feature sampling; null draws one from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>The most value bins per feature (missing values get one more).</summary>
    public int MaximumBinCountPerFeature { get; set; } = 255;

    /// <summary>The fraction of features each tree may split on, drawn per tree.</summary>
    public double FeatureFraction { get; set; }

    /// <summary>The fraction of rows each tree learns from, drawn per tree without replacement.</summary>
    public double BaggingExampleFraction { get; set; }

    /// <summary>The L2 penalty λ on leaf values: a leaf outputs -G / (H + λ). 0 as in ML.NET (XGBoost uses 1).</summary>
    public double L2Regularization { get; set; }

    /// <summary>Subtracted from the gain of a split on a feature no tree has used yet: larger values give models that use fewer features.</summary>
    public double FeatureFirstUsePenalty { get; set; }

    /// <summary>Subtracted, times ln(uses + 1), from the gain of a split on a feature used before.</summary>
    public double FeatureReusePenalty { get; set; }

    /// <summary>Sets the parameters of the catalogs' simple overloads.</summary>
    internal T With<T>(string label, string features, string? weights, int leaves, int trees, int minimumPerLeaf) where T : TreeOptions
    {
        LabelColumnName = label;
        FeatureColumnName = features;
        ExampleWeightColumnName = weights;
        NumberOfLeaves = leaves;
        NumberOfTrees = trees;
        MinimumExampleCountPerLeaf = minimumPerLeaf;
        return (T)this;
    }

    internal virtual void Validate(string user)
    {
        if (NumberOfTrees <= 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfTrees), NumberOfTrees, $"{user}: the number of trees must be positive.");
        if (NumberOfLeaves < 2)
            throw new ArgumentOutOfRangeException(nameof(NumberOfLeaves), NumberOfLeaves, $"{user}: a tree needs at least 2 leaves.");
        if (MinimumExampleCountPerLeaf < 1)
            throw new ArgumentOutOfRangeException(nameof(MinimumExampleCountPerLeaf), MinimumExampleCountPerLeaf, $"{user}: a leaf needs at least 1 example.");
        if (MaximumBinCountPerFeature is < 2 or > 255)
            throw new ArgumentOutOfRangeException(nameof(MaximumBinCountPerFeature), MaximumBinCountPerFeature, $"{user}: the bin count must be between 2 and 255.");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1) || !(BaggingExampleFraction > 0 && BaggingExampleFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(FeatureFraction), $"{user}: FeatureFraction and BaggingExampleFraction must be in (0, 1].");
        if (!(L2Regularization >= 0))
            throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, $"{user}: L2Regularization must not be negative.");
        if (!(FeatureFirstUsePenalty >= 0) || !(FeatureReusePenalty >= 0))
            throw new ArgumentOutOfRangeException(nameof(FeatureFirstUsePenalty), $"{user}: FeatureFirstUsePenalty and FeatureReusePenalty must not be negative.");
        if (NumberOfThreads is <= 0)
            throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads, $"{user}: the number of threads must be positive.");
    }
}

/// <summary>Gradient boosting's options (ML.NET's <c>BoostedTreeOptions</c>): each tree fits the loss's gradients, its leaves scaled by the learning rate.</summary>
public abstract class BoostedTreeOptions : TreeOptions
{
    /// <summary>FastTree's defaults: 20 leaves, 100 trees, 10 examples per leaf, learning rate 0.2, every row and feature.</summary>
    private protected BoostedTreeOptions()
    {
        FeatureFraction = 1;
        BaggingExampleFraction = 1;
    }

    /// <summary>The shrinkage of each tree's output.</summary>
    public double LearningRate { get; set; } = 0.2;

    /// <summary>
    /// Stops boosting when this rule fires on the validation error after a round, and keeps the trees
    /// up to the round with the lowest validation error; null (the default) grows every tree. Needs
    /// <c>Fit(trainData, validationData)</c>.
    /// </summary>
    public EarlyStoppingRuleBase? EarlyStoppingRule { get; set; }

    /// <summary>The error early stopping watches for regression (L1 unless the options say otherwise); classification watches the error rate.</summary>
    internal virtual EarlyStoppingMetric StoppingMetric => EarlyStoppingMetric.L1Norm;

    internal override void Validate(string user)
    {
        base.Validate(user);
        if (!(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{user}: the learning rate must be positive.");
        if (!Enum.IsDefined(StoppingMetric))
            throw new ArgumentOutOfRangeException("EarlyStoppingMetric", StoppingMetric, $"{user}: the early-stopping metric must be L1Norm or L2Norm.");
    }
}

/// <summary>A random forest's options (ML.NET's <c>FastForestOptionsBase</c>): trees on bagged rows and sampled features, averaged.</summary>
public abstract class FastForestOptionsBase : TreeOptions
{
    /// <summary>FastForest's defaults: 20 leaves, 100 trees, 10 examples per leaf, 70% of rows and of features per tree.</summary>
    private protected FastForestOptionsBase()
    {
        FeatureFraction = 0.7;
        BaggingExampleFraction = 0.7;
    }
}
