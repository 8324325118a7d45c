namespace MLNet.DeepTrainers;

/// <summary><c>ml.Model</c>: saving and loading whole fitted pipelines, and prediction engines.</summary>
public sealed class ModelOperationsCatalog
{
    private readonly MLContext _context;

    internal ModelOperationsCatalog(MLContext context) => _context = context;

    /// <summary>
    /// Saves <paramref name="model"/> (every stage, weights included) and the schema it expects as a .zip.
    /// The file is written under a temporary name and renamed, so a failed save leaves an existing file intact.
    /// In a distributed run (<see cref="MLContext.DistributedTraining"/>) only rank 0 writes it: every
    /// rank holds the same model, and the ranks may share one file system.
    /// </summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(filePath);
        if (_context.DistributedTraining is { Rank: not 0 } distributed)
        {
            _context.WriteLog(ChannelMessageKind.Trace, "Model.Save", $"'{filePath}' is written by rank 0; this process is {distributed}.");
            return;
        }
        ModelFile.Save(model, inputSchema, filePath);
    }

    /// <summary>Saves <paramref name="model"/> to a stream (written whole to memory first, then copied).</summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        ModelFile.Save(model, inputSchema, buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>Loads a model file; <paramref name="inputSchema"/> receives the schema it was saved with.</summary>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        if (!File.Exists(filePath))
            throw new FileNotFoundException($"The model file '{filePath}' does not exist.", filePath);
        using var stream = File.OpenRead(filePath);
        return ModelFile.Load(stream, $"The model file '{filePath}'", _context.ComponentCatalog, out inputSchema);
    }

    /// <summary>Loads a model from a stream.</summary>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ModelFile.Load(stream, "The model stream", _context.ComponentCatalog, out inputSchema);
    }

    /// <summary>A single-threaded engine that predicts one <typeparamref name="TDst"/> per <typeparamref name="TSrc"/>.</summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new PredictionEngine<TSrc, TDst>(transformer, ignoreMissingColumns);
    }

    /// <summary>
    /// Engines for serving from many threads at once (ML.NET's <c>PredictionEnginePool</c>): each
    /// <c>Predict</c> borrows an engine no other thread holds.
    /// </summary>
    public PredictionEnginePool<TSrc, TDst> CreatePredictionEnginePool<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new PredictionEnginePool<TSrc, TDst>(transformer, ignoreMissingColumns);
    }
}
