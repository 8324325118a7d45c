using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>Trains a network through libtorch to predict a Single label: a linear output unit and MSE by default.</summary>
public sealed class DeepRegressionTrainer : IEstimator<RegressionPredictionTransformer<SequentialModel>>
{
    private readonly MLContext _context;
    private readonly DeepTrainerOptions _options;
    private readonly string _name;

    internal DeepRegressionTrainer(MLContext context, DeepTrainerOptions options, string name)
    {
        _context = context;
        _options = options;
        _name = name;
        options.Validate(User);
    }

    private string User => $"Regression.Trainers.{_name}";

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(_options.FeatureColumnName, User, c => c.IsSingle, "Single values or a Single vector (Concatenate the feature columns first)");
        inputSchema.Require(_options.LabelColumnName, User, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "a Single label (use Conversion.ConvertType for other numbers)");
        if (_options.ExampleWeightColumnName is string weights)
            inputSchema.Require(weights, User, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "Single weights");
        return inputSchema.With(new SchemaShape.Column("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }

    /// <inheritdoc />
    public RegressionPredictionTransformer<SequentialModel> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var label = TrainingData.LabelReader.FiniteSingle(input.Schema[_options.LabelColumnName], User);
        var data = TrainingData.Read(input, _options.FeatureColumnName, label, _options.ExampleWeightColumnName, User);
        var architecture = new NetworkArchitecture(data.FeatureShape, [.. _options.BuildHiddenLayers(), new Dense(1)], ActivationKind.Linear);
        string loss = (_options.Loss ?? LossFunction.MeanSquaredError) switch
        {
            LossFunction.MeanSquaredError => "mse",
            LossFunction.MeanAbsoluteError => "mae",
            LossFunction.Huber => "huber delta=1",
            var other => throw new ArgumentOutOfRangeException(nameof(input), other, $"{User}: {other} is not a regression loss."),
        };
        var model = new TrainingLoop(_context, _options, User).Run(data, architecture, loss, targetWidth: 1);
        return new RegressionPredictionTransformer<SequentialModel>(model, _options.FeatureColumnName);
    }
}
