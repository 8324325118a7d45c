using System.Collections.Concurrent;

namespace MLNet.DeepTrainers;

/// <summary>
/// Prediction engines for many threads at once (a web service, a parallel loop), as ML.NET's
/// <c>PredictionEnginePool</c> offers: each call borrows an engine no other thread holds, so any
/// number of threads can call <see cref="Predict"/> together. Engines are made as needed and kept for
/// reuse; the fitted model is shared by all of them.
/// </summary>
public sealed class PredictionEnginePool<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ITransformer _model;
    private readonly bool _ignoreMissingColumns;
    private readonly ConcurrentBag<PredictionEngine<TSrc, TDst>> _idle = [];

    internal PredictionEnginePool(ITransformer model, bool ignoreMissingColumns)
    {
        _model = model;
        _ignoreMissingColumns = ignoreMissingColumns;
        // Make one engine now, so a model that does not fit TSrc and TDst fails here, not on a first request.
        _idle.Add(new PredictionEngine<TSrc, TDst>(model, ignoreMissingColumns));
    }

    /// <summary>The prediction for <paramref name="example"/>; safe to call from any number of threads at once.</summary>
    public TDst Predict(TSrc example)
    {
        var engine = GetPredictionEngine();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            ReturnPredictionEngine(engine);
        }
    }

    /// <summary>Borrows an engine for this thread's exclusive use; give it back with <see cref="ReturnPredictionEngine"/>.</summary>
    public PredictionEngine<TSrc, TDst> GetPredictionEngine() =>
        _idle.TryTake(out var engine) ? engine : new PredictionEngine<TSrc, TDst>(_model, _ignoreMissingColumns);

    /// <summary>Gives back an engine borrowed with <see cref="GetPredictionEngine"/>.</summary>
    public void ReturnPredictionEngine(PredictionEngine<TSrc, TDst> engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _idle.Add(engine);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_idle.TryTake(out var engine))
            engine.Dispose();
    }
}
