using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>A finished (or cancelled) search: the candidates ranked best first, and the best pipeline fitted on all the data.</summary>
public sealed class SearchResult<TMetrics> where TMetrics : class
{
    internal SearchResult(string metric, bool higherIsBetter, IReadOnlyList<SearchCandidate> ranked, ITransformer? bestModel, bool cancelled)
    {
        Metric = metric;
        HigherIsBetter = higherIsBetter;
        Candidates = ranked;
        BestModel = bestModel;
        WasCancelled = cancelled;
    }

    /// <summary>The metric ranked on.</summary>
    public string Metric { get; }

    /// <summary>Whether a higher metric is better (accuracy, AUC, R²) or a lower one (errors, losses).</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The candidates, best mean first.</summary>
    public IReadOnlyList<SearchCandidate> Candidates { get; }

    /// <summary>The best candidate; null when none finished.</summary>
    public SearchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>The best candidate's pipeline fitted on all the data; null when the search was cancelled or refitting was off.</summary>
    public ITransformer? BestModel { get; }

    /// <summary>Whether the search was cancelled before trying every candidate.</summary>
    public bool WasCancelled { get; }

    /// <summary>The candidates as a cross-validation comparison, for a table, CSV or SVG plot.</summary>
    public CrossValidationComparison ToComparison()
    {
        var comparison = new CrossValidationComparison(Metric);
        foreach (var candidate in Candidates)
            comparison.Add(candidate.Parameters.ToString(), candidate.FoldValues);
        return comparison;
    }

    /// <summary>The ranking as text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Candidates.Count} candidates ranked by {Metric} ({(HigherIsBetter ? "higher" : "lower")} is better){(WasCancelled ? ", search cancelled" : "")}:\n");
        for (int i = 0; i < Candidates.Count; i++)
            text.Append($"{i + 1,3}. {Candidates[i]}\n");
        return text.ToString();
    }
}
