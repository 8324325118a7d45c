using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>Keras's naming conventions, where the library reports in Keras's words.</summary>
internal static class Keras
{
    /// <summary>A layer's default name in Keras: its class name in snake case ("BatchNormalization" → "batch_normalization", "Conv2D" → "conv2d").</summary>
    public static string SnakeCase(string typeName)
    {
        var text = new StringBuilder();
        for (int i = 0; i < typeName.Length; i++)
        {
            char c = typeName[i];
            bool wordStart = char.IsUpper(c) && i > 0 && (char.IsLower(typeName[i - 1]) || (i + 1 < typeName.Length && char.IsLower(typeName[i + 1]) && char.IsUpper(typeName[i - 1])));
            if (wordStart)
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
