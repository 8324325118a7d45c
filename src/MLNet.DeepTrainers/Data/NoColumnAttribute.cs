namespace MLNet.DeepTrainers.Data;

/// <summary>Leaves a member out of the data view's columns.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NoColumnAttribute : Attribute { }
