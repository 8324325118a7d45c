namespace MLNet.DeepTrainers;

/// <summary>Which candidates a search tries.</summary>
public enum SearchStrategy
{
    /// <summary>Every combination of the choices.</summary>
    Grid,
    /// <summary>Random draws from the choices and ranges.</summary>
    Random,
}
