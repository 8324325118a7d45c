namespace MLNet.DeepTrainers;

/// <summary>How a hyperparameter search runs.</summary>
public sealed class SearchOptions
{
    /// <summary>Every combination of the choices (grid search), or <see cref="MaximumCandidates"/> random ones (random search).</summary>
    public SearchStrategy Strategy { get; set; } = SearchStrategy.Grid;

    /// <summary>The number of candidates a random search tries.</summary>
    public int MaximumCandidates { get; set; } = 10;

    /// <summary>The folds of each candidate's cross-validation; every candidate sees the same folds.</summary>
    public int NumberOfFolds { get; set; } = 5;

    /// <summary>The label column the metrics read.</summary>
    public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

    /// <summary>A column whose equal values stay in one fold.</summary>
    public string? SamplingKeyColumnName { get; set; }

    /// <summary>The seed of the folds and of random search; null draws one from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>Whether the best candidate is refitted on all the data at the end (<see cref="SearchResult{TMetrics}.BestModel"/>).</summary>
    public bool RefitBest { get; set; } = true;

    /// <summary>Receives each candidate as it finishes (<see cref="ConsoleSearchProgress"/> prints a line).</summary>
    public IProgress<SearchCandidate>? Progress { get; set; }

    /// <summary>Stops the search between candidates; the result then holds the candidates finished so far.</summary>
    public CancellationToken CancellationToken { get; set; }
}
