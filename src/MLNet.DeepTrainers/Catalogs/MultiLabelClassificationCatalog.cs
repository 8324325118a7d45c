namespace MLNet.DeepTrainers;

/// <summary>
/// Multi-label classification, which ML.NET has no catalog for: <c>ml.MultiLabelClassification</c>
/// (see <see cref="MLContextExtensions"/>), shaped as ML.NET's own catalogs, with its evaluator and
/// cross-validation. A label is a known-size vector of Booleans, one slot per label (a row may have any
/// number of them); the columns a trainer adds are vectors of the same size.
/// </summary>
public sealed class MultiLabelClassificationCatalog
{
    private readonly MLContext _ml;

    internal MultiLabelClassificationCatalog(MLContext ml)
    {
        _ml = ml;
        Trainers = new MultiLabelClassificationTrainers(CatalogContext.Of(ml));
    }

    /// <summary>The deep trainers for multi-label classification.</summary>
    public MultiLabelClassificationTrainers Trainers { get; }

    /// <summary>The context's seed, log and GPU settings, for the trainers and the hyperparameter search.</summary>
    internal CatalogContext Context => CatalogContext.Of(_ml);

    /// <summary>
    /// Evaluates predicted label sets against true ones: the columns are known-size vectors of Booleans
    /// of the same size, the label's slot names naming the labels of <see cref="MultiLabelClassificationMetrics.PerLabel"/>.
    /// </summary>
    public MultiLabelClassificationMetrics Evaluate(IDataView data, string labelColumnName = Defaults.LabelColumnName, string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = LabelSet(data.Schema, labelColumnName, "label");
        var predicted = LabelSet(data.Schema, predictedLabelColumnName, "predicted label");
        int labels = ((VectorDataViewType)label.Type).Size;
        if (((VectorDataViewType)predicted.Type).Size != labels)
            throw new ArgumentException($"The predicted label column '{predicted.Name}' has {((VectorDataViewType)predicted.Type).Size} labels, but the label column '{label.Name}' has {labels}.");
        var names = SlotNames.Of(label, labels);
        long[] truePositives = new long[labels], falsePositives = new long[labels], falseNegatives = new long[labels];
        long rows = 0, exactRows = 0;
        using var cursor = data.GetRowCursor([label, predicted]);
        var readLabel = cursor.GetGetter<VBuffer<bool>>(label);
        var readPredicted = cursor.GetGetter<VBuffer<bool>>(predicted);
        VBuffer<bool> actualBuffer = default, predictedBuffer = default;
        bool[] actual = new bool[labels], guess = new bool[labels];
        while (cursor.MoveNext())
        {
            readLabel(ref actualBuffer);
            readPredicted(ref predictedBuffer);
            actualBuffer.CopyTo(actual);
            predictedBuffer.CopyTo(guess);
            bool exact = true;
            for (int i = 0; i < labels; i++)
            {
                truePositives[i] += actual[i] && guess[i] ? 1 : 0;
                falsePositives[i] += !actual[i] && guess[i] ? 1 : 0;
                falseNegatives[i] += actual[i] && !guess[i] ? 1 : 0;
                exact &= actual[i] == guess[i];
            }
            exactRows += exact ? 1 : 0;
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException("The data to evaluate has no rows.");
        return MultiLabelClassificationMetrics.From(rows, exactRows, names, truePositives, falsePositives, falseNegatives);
    }

    /// <summary>
    /// ML.NET's cross-validation for a multi-label pipeline: the folds of <c>ml.Data.CrossValidationSplit</c>
    /// (by <paramref name="samplingKeyColumnName"/> when given, so related rows stay in one fold), each
    /// fitted on the others, every fold fitted before any is evaluated, as ML.NET's own <c>CrossValidate</c> does.
    /// </summary>
    public IReadOnlyList<MultiLabelCrossValidationResult> CrossValidate(IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = Defaults.LabelColumnName, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        var folds = _ml.Data.CrossValidationSplit(data, numberOfFolds, samplingKeyColumnName, seed);
        var fitted = folds.Select(fold =>
        {
            var model = estimator.Fit(fold.TrainSet);
            return (Model: model, Scores: model.Transform(fold.TestSet));
        }).ToList();
        return [.. fitted.Select((f, fold) => new MultiLabelCrossValidationResult(f.Model, Evaluate(f.Scores, labelColumnName), f.Scores, fold))];
    }

    private static DataViewSchema.Column LabelSet(DataViewSchema schema, string name, string role)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"The data has no {role} column '{name}'.");
        // The evaluator takes what the task's trainers take, for the label and the label they predict alike.
        if (!MultiLabelClassificationTask.Instance.AcceptsLabel(column.Type))
            throw new ArgumentOutOfRangeException(nameof(schema), $"The {role} column '{name}' is {column.Type}, but a multi-label {role} is {MultiLabelClassificationTask.Instance.LabelNeed}.");
        return column;
    }
}
