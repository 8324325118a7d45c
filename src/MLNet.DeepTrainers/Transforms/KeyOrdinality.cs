namespace MLNet.DeepTrainers.Transforms;

/// <summary>How learned categories are numbered.</summary>
public enum KeyOrdinality
{
    /// <summary>In the order they first appear in the data.</summary>
    ByOccurrence = 0,
    /// <summary>In sorted order of their values (ordinal for text).</summary>
    ByValue = 1,
}
