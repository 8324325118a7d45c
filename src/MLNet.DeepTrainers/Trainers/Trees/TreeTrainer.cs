using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// FastTree (gradient boosting) or FastForest (random forest) for one task. Reads the columns once,
/// bins the features, and grows the trees in C#; deterministic for a given seed and thread count.
/// </summary>
public sealed class TreeTrainer<TTransformer> : IEstimator<TTransformer> where TTransformer : class, ITransformer
{
    private readonly MLContext _context;
    private readonly TreeTrainerOptions _options;
    private readonly LearningTask _task;
    private readonly Func<TreeEnsembleModel, string, DataViewSchema.Column, TTransformer> _makeTransformer;
    private readonly string _user;

    internal TreeTrainer(MLContext context, TreeTrainerOptions options, LearningTask task, Func<TreeEnsembleModel, string, DataViewSchema.Column, TTransformer> makeTransformer, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _options = options;
        _task = task;
        _makeTransformer = makeTransformer;
        _user = $"{task.Catalog}.Trainers.{name}";
        options.Validate(_user);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(_options.FeatureColumnName, _user, c => c.IsSingle, "Single values or a Single vector (Concatenate the feature columns first)");
        if (_options.ExampleWeightColumnName is string weights)
            inputSchema.Require(weights, _user, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "Single weights");
        return inputSchema.With(_task.Outputs(inputSchema, _options.LabelColumnName, _user));
    }

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var label = input.Schema[_options.LabelColumnName];
        var data = TrainingData.Read(input, _options.FeatureColumnName, _task.Labels(label, _user), _options.ExampleWeightColumnName, _user, allowMissingFeatures: true);
        _task.CheckTargets(data, _user);
        int seed = _options.Seed ?? _context.NextSeed();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.NumberOfThreads ?? Environment.ProcessorCount };
        var featureBins = FeatureBins.Build(data.Features, data.Rows, data.Width, _options.MaximumBinCountPerFeature, parallel);
        var random = new Random(seed);
        var model = _options switch
        {
            FastTreeOptions boosting => GradientBoosting.Train(data, featureBins, _task.BoostingObjective(_task.OutputWidth(label)), _task.BoostingOutput, boosting, random, parallel),
            FastForestOptions forest => RandomForest.Train(data, featureBins, _task.ForestOutput, forest, random, parallel),
            _ => throw new ArgumentException($"{_user}: unknown tree options {_options.GetType().Name}."),
        };
        return _makeTransformer(model, _options.FeatureColumnName, label);
    }
}
