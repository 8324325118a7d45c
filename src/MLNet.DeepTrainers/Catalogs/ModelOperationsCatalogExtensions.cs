namespace MLNet.DeepTrainers;

/// <summary>
/// What the library adds to <c>ml.Model</c>: exporting a whole pipeline holding deep trainers to ONNX. ML.NET's own
/// <c>ConvertToOnnx</c> cannot, as only ML.NET's types can say how they export; this is named apart from it so that
/// both resolve with <c>using Microsoft.ML;</c> and <c>using MLNet.DeepTrainers;</c>.
/// </summary>
public static class ModelOperationsCatalogExtensions
{
    /// <summary>
    /// Writes <paramref name="model"/>, a fitted pipeline, to <paramref name="stream"/> as one ONNX model (opset 17):
    /// ML.NET's stages as ML.NET's ONNX converter writes them, the networks as the library writes them. Its inputs are
    /// the columns of <paramref name="inputData"/> (only its schema is read) that its outputs need, named as the columns;
    /// its outputs are the columns after the last stage (or only <paramref name="outputColumns"/>), named as ML.NET's
    /// converter names them, "Score.output", with a key column that has key values given as its values (a multiclass
    /// <c>PredictedLabel</c> as the class's name). A stage neither can export is refused, naming it, before anything is
    /// written. See the README's "Export".
    /// </summary>
    /// <param name="catalog">The model operations catalog, <c>ml.Model</c>.</param>
    /// <param name="model">The fitted pipeline (a <c>TransformerChain</c>, or one transformer).</param>
    /// <param name="inputData">Data the pipeline reads, for its schema: the model's inputs are its columns.</param>
    /// <param name="stream">Where the ONNX model is written.</param>
    /// <param name="outputColumns">The columns to output; none for every column after the last stage.</param>
    /// <exception cref="NotSupportedException">A stage that neither ML.NET's converter nor this library exports.</exception>
    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, IDataView inputData, Stream stream, params string[] outputColumns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Export(catalog, model, inputData, outputColumns));
    }

    /// <summary>Writes <paramref name="model"/> to the file <paramref name="path"/> as one ONNX model, as the overload to a stream does; no file is made when a stage is refused.</summary>
    /// <param name="catalog">The model operations catalog, <c>ml.Model</c>.</param>
    /// <param name="model">The fitted pipeline (a <c>TransformerChain</c>, or one transformer).</param>
    /// <param name="inputData">Data the pipeline reads, for its schema: the model's inputs are its columns.</param>
    /// <param name="path">The ONNX file to write.</param>
    /// <param name="outputColumns">The columns to output; none for every column after the last stage.</param>
    /// <exception cref="NotSupportedException">A stage that neither ML.NET's converter nor this library exports.</exception>
    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, IDataView inputData, string path, params string[] outputColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, Export(catalog, model, inputData, outputColumns));
    }

    private static byte[] Export(ModelOperationsCatalog catalog, ITransformer model, IDataView inputData, string[] outputColumns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputData);
        return PipelineExport.Export(model, inputData.Schema, outputColumns ?? []);
    }
}
