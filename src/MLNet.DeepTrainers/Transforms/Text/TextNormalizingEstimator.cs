namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="TextNormalizingTransformer"/>: nothing to learn.</summary>
public sealed class TextNormalizingEstimator : TrivialEstimator<TextNormalizingTransformer>
{
    /// <summary>What NormalizeText does to letters' case.</summary>
    public enum CaseMode
    {
        /// <summary>Lower case (invariant culture).</summary>
        Lower = 0,

        /// <summary>Upper case (invariant culture).</summary>
        Upper = 1,

        /// <summary>Case left as it is.</summary>
        None = 2,
    }

    /// <summary>ML.NET's defaults of NormalizeText.</summary>
    internal static class Defaults
    {
        public const CaseMode Case = CaseMode.Lower;
        public const bool KeepDiacritics = false;
        public const bool KeepPunctuations = true;
        public const bool KeepNumbers = true;
    }

    internal TextNormalizingEstimator(string outputColumnName, string inputColumnName, CaseMode caseMode, bool keepDiacritics, bool keepPunctuations, bool keepNumbers)
        : base(new TextNormalizingTransformer([(outputColumnName, inputColumnName)], caseMode, keepDiacritics, keepPunctuations, keepNumbers)) { }
}
