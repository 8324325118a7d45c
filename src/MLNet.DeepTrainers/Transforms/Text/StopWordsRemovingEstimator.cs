namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="StopWordsRemovingTransformer"/>: nothing to learn.</summary>
public sealed class StopWordsRemovingEstimator : TrivialEstimator<StopWordsRemovingTransformer>
{
    /// <summary>The languages whose stop words ML.NET lists (its numbering).</summary>
    public enum Language
    {
#pragma warning disable CS1591 // the names say it
        English = 0,
        French = 1,
        German = 2,
        Dutch = 3,
        Danish = 4,
        Swedish = 5,
        Italian = 6,
        Spanish = 7,
        Portuguese = 8,
        Portuguese_Brazilian = 9,
        Norwegian_Bokmal = 10,
        Russian = 11,
        Polish = 12,
        Czech = 13,
        Arabic = 14,
        Japanese = 15,
#pragma warning restore CS1591
    }

    /// <summary>FeaturizeText's choice of a language's stop-word list (ML.NET's).</summary>
    public sealed class Options : IStopWordsRemoverOptions
    {
        /// <summary>The language whose list is removed; English by default.</summary>
        public TextFeaturizingEstimator.Language Language = TextFeaturizingEstimator.Language.English;
    }

    /// <summary>ML.NET's default language.</summary>
    internal const Language DefaultLanguage = Language.English;

    internal StopWordsRemovingEstimator(string outputColumnName, string inputColumnName, Language language)
        : base(new StopWordsRemovingTransformer([(outputColumnName, inputColumnName)], language)) { }
}
