namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="CustomStopWordsRemovingTransformer"/>: nothing to learn.</summary>
public sealed class CustomStopWordsRemovingEstimator : TrivialEstimator<CustomStopWordsRemovingTransformer>
{
    internal CustomStopWordsRemovingEstimator(string outputColumnName, string inputColumnName, string[] stopwords)
        : base(new CustomStopWordsRemovingTransformer([(outputColumnName, inputColumnName)], stopwords)) { }
}
