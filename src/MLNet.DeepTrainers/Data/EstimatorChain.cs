namespace MLNet.DeepTrainers.Data;

/// <summary>Estimators run one after another; <see cref="Fit"/> returns a <see cref="TransformerChain{TLastTransformer}"/>.</summary>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>, Evaluation.IConcurrentFolds
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<IEstimator<ITransformer>> _estimators;

    /// <summary>An empty chain.</summary>
    public EstimatorChain() : this([]) { }

    internal EstimatorChain(IReadOnlyList<IEstimator<ITransformer>> estimators) => _estimators = estimators;

    /// <summary>This chain with <paramref name="estimator"/> added at the end.</summary>
    public EstimatorChain<TNewTransformer> Append<TNewTransformer>(IEstimator<TNewTransformer> estimator)
        where TNewTransformer : class, ITransformer =>
        new([.. _estimators, estimator]);

    /// <summary>Checks the whole chain's schema first, then fits each step on the output of the previous ones.</summary>
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var fitted = new List<ITransformer>();
        var current = input;
        for (int i = 0; i < _estimators.Count; i++)
        {
            var transformer = _estimators[i].Fit(current);
            fitted.Add(transformer);
            if (i < _estimators.Count - 1)
                current = transformer.Transform(current);
        }
        return new TransformerChain<TLastTransformer>(fitted);
    }

    /// <summary>
    /// Yes when some step says so and no trainer among the steps says no (a trainer that cannot tell,
    /// such as FastTree, says no); null when no step trains (transforms fit in passing).
    /// </summary>
    bool? Evaluation.IConcurrentFolds.FoldsRunBetterSideBySide
    {
        get
        {
            bool? answer = null;
            foreach (var estimator in _estimators)
            {
                bool? step = estimator is Evaluation.IConcurrentFolds folds ? folds.FoldsRunBetterSideBySide : IsTrainer(estimator) ? false : null;
                if (step == false)
                    return false;
                answer ??= step;
            }
            return answer;
        }
    }

    private static bool IsTrainer(IEstimator<ITransformer> estimator)
    {
        for (var type = estimator.GetType(); type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Trainers.TrainerEstimatorBase<,>))
                return true;
        return false;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        _estimators.Aggregate(inputSchema, (shape, estimator) => estimator.GetOutputSchema(shape));
}
