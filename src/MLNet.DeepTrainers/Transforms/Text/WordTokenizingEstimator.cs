namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="WordTokenizingTransformer"/>: nothing to learn.</summary>
public sealed class WordTokenizingEstimator : TrivialEstimator<WordTokenizingTransformer>
{
    /// <summary>ML.NET's default separator: the space.</summary>
    internal static readonly char[] DefaultSeparators = [' '];

    internal WordTokenizingEstimator(string outputColumnName, string inputColumnName, char[] separators)
        : base(new WordTokenizingTransformer([(outputColumnName, inputColumnName)], separators)) { }
}
