namespace MLNet.DeepTrainers;

/// <summary>A transformer that scores one feature column with a trained model (ML.NET's interface, its two members here).</summary>
public interface ISingleFeaturePredictionTransformer<out TModel> : ITransformer where TModel : class
{
    /// <summary>The trained model.</summary>
    TModel Model { get; }

    /// <summary>The column the model reads.</summary>
    string FeatureColumnName { get; }
}
