namespace MLNet.DeepTrainers.Onnx;

/// <summary>A pipeline stage that can write itself into an ONNX graph.</summary>
internal interface IOnnxExportable
{
    /// <summary>
    /// Adds the stage's nodes to <paramref name="graph"/>: reads its input columns' values there (typed
    /// and annotated as in <paramref name="input"/>, the stage's input schema) and sets its output
    /// columns, typed as in <paramref name="output"/> (the stage's output schema).
    /// Throws <see cref="NotSupportedException"/>, naming what, when this fitted stage cannot be expressed.
    /// </summary>
    void ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output);
}
