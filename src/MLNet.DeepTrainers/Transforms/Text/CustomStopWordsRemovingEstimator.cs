namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="CustomStopWordsRemovingTransformer"/>: nothing to learn.</summary>
public sealed class CustomStopWordsRemovingEstimator : TrivialEstimator<CustomStopWordsRemovingTransformer>
{
    /// <summary>FeaturizeText's choice of the user's stop words (ML.NET's).</summary>
    public sealed class Options : IStopWordsRemoverOptions
    {
        /// <summary>The words to remove, compared in lower case.</summary>
        public string[] StopWords = [];
    }

    internal CustomStopWordsRemovingEstimator(string outputColumnName, string inputColumnName, string[] stopwords)
        : base(new CustomStopWordsRemovingTransformer([(outputColumnName, inputColumnName)], stopwords)) { }
}
