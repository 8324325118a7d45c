namespace MLNet.DeepTrainers.Data;

/// <summary>Marks a <c>uint</c> member as a key of <paramref name="count"/> categories (1 to count; 0 is missing).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class KeyTypeAttribute(ulong count) : Attribute
{
    /// <summary>The number of categories.</summary>
    public ulong Count { get; } = count;
}
