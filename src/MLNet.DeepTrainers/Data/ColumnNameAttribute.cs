namespace MLNet.DeepTrainers.Data;

/// <summary>The column name of a member when it differs from the member's name.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ColumnNameAttribute(string name) : Attribute
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name;
}
