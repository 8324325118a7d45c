using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// The bounds a model file is held to before anything is allocated for it (docs/model-format.md
/// lists them). Tensor entries are bounded more tightly still: by the bytes their stage's
/// architecture needs.
/// </summary>
internal static class ModelFileLimits
{
    /// <summary>Pipeline stages in one file.</summary>
    public const int MaxStages = 10_000;

    /// <summary>Zip entries: the manifest and at most two per stage.</summary>
    public const int MaxEntries = 1 + 2 * MaxStages;

    /// <summary>Inflated bytes of one JSON entry (a 5,000-tree, 255-leaf ensemble takes about 65 MB).</summary>
    public const int MaxJsonBytes = 128 << 20;

    /// <summary>Nesting depth of JSON.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Bytes of a safetensors header.</summary>
    public const int MaxTensorHeaderBytes = 16 << 20;

    /// <summary>Bytes of one weights entry: what one .NET array holds.</summary>
    public static long MaxTensorEntryBytes => Array.MaxLength;

    /// <summary>How every JSON text of a model file is parsed: bounded depth, and a repeated key is an error, not a silent overwrite.</summary>
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false };

    /// <summary>
    /// Parses a JSON text of a model or weights file with <see cref="Json"/>'s bounds. Invalid UTF-8 is
    /// a <see cref="JsonException"/> here: System.Text.Json checks property names only when they are
    /// first read, and would throw something else then.
    /// </summary>
    public static JsonNode? ParseJson(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
            throw new JsonException("the text is not valid UTF-8");
        return JsonNode.Parse(utf8, null, Json);
    }
}
