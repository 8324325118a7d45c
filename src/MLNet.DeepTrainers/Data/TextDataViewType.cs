namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The text column type. Values are <see cref="string"/> (ML.NET uses <c>ReadOnlyMemory&lt;char&gt;</c>;
/// user classes declare <c>string</c> in both, so ported code does not notice).
/// </summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType() : base(typeof(string)) { }

    /// <summary>The single instance.</summary>
    public static TextDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "String";
}
