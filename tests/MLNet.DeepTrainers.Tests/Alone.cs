namespace MLNet.DeepTrainers.Tests;

/// <summary>Tests that measure the whole process (its memory) run after the others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Alone";
}
