namespace MLNet.DeepTrainers.Data;

/// <summary>Marks a <c>float[]</c> member as a fixed-size vector: <c>[VectorType(13)]</c>, or <c>[VectorType(1, 28, 28)]</c> for an image.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class VectorTypeAttribute(params int[] dimensions) : Attribute
{
    /// <summary>The shape of the vector.</summary>
    public int[] Dimensions { get; } = dimensions;
}
