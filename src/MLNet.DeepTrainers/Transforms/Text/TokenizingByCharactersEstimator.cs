namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="TokenizingByCharactersTransformer"/>: nothing to learn.</summary>
public sealed class TokenizingByCharactersEstimator : TrivialEstimator<TokenizingByCharactersTransformer>
{
    /// <summary>ML.NET's default: mark where each text starts and ends.</summary>
    internal const bool DefaultUseMarkerCharacters = true;

    internal TokenizingByCharactersEstimator(string outputColumnName, string inputColumnName, bool useMarkerCharacters)
        : base(new TokenizingByCharactersTransformer([(outputColumnName, inputColumnName)], useMarkerCharacters)) { }
}
