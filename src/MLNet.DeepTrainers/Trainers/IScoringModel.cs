namespace MLNet.DeepTrainers.Trainers;

/// <summary>What a prediction transformer needs of a trained model: its widths, batch prediction and saving.</summary>
internal interface IScoringModel
{
    string Kind { get; }

    int FeatureWidth { get; }

    int OutputWidth { get; }

    /// <summary>Outputs for <paramref name="rows"/> rows of features, row-major.</summary>
    void Predict(ReadOnlySpan<float> features, int rows, Span<float> output);

    void Save(StageWriter writer);

    /// <summary>Adds the model to an ONNX graph: from <paramref name="features"/> ([N, FeatureWidth] floats) to the value it returns, [N, OutputWidth] floats equal to <see cref="Predict"/>'s.</summary>
    string ExportOnnx(OnnxGraph graph, string features);
}
