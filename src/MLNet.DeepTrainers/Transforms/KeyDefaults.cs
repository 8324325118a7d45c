namespace MLNet.DeepTrainers.Transforms;

/// <summary>ML.NET's defaults for the key mappings (MapValueToKey, OneHotEncoding), in one place.</summary>
internal static class KeyDefaults
{
    public const int MaximumNumberOfKeys = 1000000;
}
