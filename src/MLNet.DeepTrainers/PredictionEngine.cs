namespace MLNet.DeepTrainers;

/// <summary>
/// Predicts one example at a time through a fitted pipeline. Like ML.NET's, one engine is for one
/// thread: make one per thread, or serve from <see cref="PredictionEnginePool{TSrc, TDst}"/> (the
/// transformer itself is safe to share). Two threads calling one engine at the same time get an
/// <see cref="InvalidOperationException"/> rather than each other's answers.
/// </summary>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly DataViewRowCursor _cursor;
    private readonly RowWriter<TDst> _writer;
    private TSrc? _current;
    private int _busy;

    internal PredictionEngine(ITransformer transformer, bool ignoreMissingColumns)
    {
        var source = new EnumerableDataView<TSrc>(Endless(), live: true);
        var output = transformer.Transform(source);
        _cursor = output.GetRowCursor(output.Schema);
        _writer = new RowWriter<TDst>(_cursor, ignoreMissingColumns);
        OutputSchema = output.Schema;
    }

    /// <summary>The schema of the pipeline's output.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The prediction for <paramref name="example"/>.</summary>
    public TDst Predict(TSrc example)
    {
        var result = new TDst();
        Predict(example, ref result);
        return result;
    }

    /// <summary>The prediction for <paramref name="example"/>, written into <paramref name="prediction"/> (its arrays reused).</summary>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("This PredictionEngine is already predicting on another thread. An engine holds one row at a time, " +
                "so sharing it would mix up answers: make one engine per thread, or use ml.Model.CreatePredictionEnginePool for many threads.");
        try
        {
            prediction ??= new TDst();
            _current = example;
            _cursor.MoveNext();
            _writer.Write(prediction, reuseArrays: true);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cursor.Dispose();

    private IEnumerable<TSrc> Endless()
    {
        while (true)
            yield return _current!;
    }
}
