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
}
