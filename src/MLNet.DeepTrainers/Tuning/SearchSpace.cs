namespace MLNet.DeepTrainers;

/// <summary>
/// The hyperparameters to search and the values each may take: a list of choices, or (random search
/// only) a continuous range, drawn uniformly or on a log scale (the usual choice for learning rates).
/// </summary>
public sealed class SearchSpace
{
    private readonly List<Dimension> _dimensions = [];

    /// <summary>The dimensions in the order added.</summary>
    internal IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <summary>A parameter taking one of <paramref name="values"/>.</summary>
    public SearchSpace Add<T>(string name, params T[] values) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
            throw new ArgumentException($"The search space's parameter '{name}' has no values.", nameof(values));
        return Add(new Dimension(name, values.Cast<object>().ToArray(), 0, 0, false));
    }

    /// <summary>A parameter drawn from [<paramref name="low"/>, <paramref name="high"/>], uniformly or, with <paramref name="logScale"/>, log-uniformly (random search only).</summary>
    public SearchSpace AddRange(string name, double low, double high, bool logScale = false)
    {
        if (!(low < high) || logScale && !(low > 0))
            throw new ArgumentOutOfRangeException(nameof(low), $"The range of '{name}' must have low < high{(logScale ? " and a positive low for a log scale" : "")} (got {low}, {high}).");
        return Add(new Dimension(name, null, low, high, logScale));
    }

    private SearchSpace Add(Dimension dimension)
    {
        if (_dimensions.Any(d => d.Name == dimension.Name))
            throw new ArgumentException($"The search space already has a parameter '{dimension.Name}'.");
        _dimensions.Add(dimension);
        return this;
    }

    /// <summary>One parameter: its choices, or its range.</summary>
    internal sealed record Dimension(string Name, object[]? Choices, double Low, double High, bool LogScale)
    {
        public object Draw(Random random) => Choices is not null
            ? Choices[random.Next(Choices.Length)]
            : LogScale ? Math.Exp(Math.Log(Low) + random.NextDouble() * (Math.Log(High) - Math.Log(Low))) : Low + random.NextDouble() * (High - Low);
    }

    /// <summary>Every combination of the choices (a grid); a range has no grid.</summary>
    internal IEnumerable<ParameterSet> Grid()
    {
        foreach (var range in _dimensions.Where(d => d.Choices is null))
            throw new InvalidOperationException($"The grid cannot enumerate the range of '{range.Name}': give it a list of values, or use random search.");
        IEnumerable<IReadOnlyDictionary<string, object>> combinations = [new Dictionary<string, object>()];
        foreach (var dimension in _dimensions)
        {
            combinations = combinations.SelectMany(c => dimension.Choices!.Select(v => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(c) { [dimension.Name] = v }));
        }
        return combinations.Select(c => new ParameterSet(c, _dimensions.Select(d => d.Name)));
    }

    /// <summary>The number of grid points (choices only).</summary>
    internal long GridSize => _dimensions.Aggregate(1L, (n, d) => n * (d.Choices?.Length ?? 1));

    /// <summary><paramref name="count"/> random points; when the space is a small grid, distinct ones.</summary>
    internal IEnumerable<ParameterSet> Random(int count, int seed)
    {
        var random = new Random(seed);
        if (_dimensions.All(d => d.Choices is not null) && GridSize <= count)
            return Grid();
        var seen = new HashSet<string>();
        var points = new List<ParameterSet>();
        for (int attempt = 0; points.Count < count && attempt < count * 50; attempt++)
        {
            var point = new ParameterSet(_dimensions.ToDictionary(d => d.Name, d => d.Draw(random)), _dimensions.Select(d => d.Name));
            if (seen.Add(point.ToString()))
                points.Add(point);
        }
        return points;
    }
}
