using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers.Torch;

/// <summary>
/// One line of the text spec the native shim reads: a kind, then key=value options. This is the only
/// writer of that text; the shim's reader (SpecLine.cpp) is strict and holds no defaults, so every
/// option a native object needs is written here, by name, from a typed value.
/// </summary>
internal sealed class SpecLine
{
    private readonly StringBuilder _text;

    private readonly Dictionary<string, string> _fields = [];

    public SpecLine(string kind)
    {
        CheckWord(kind);
        Kind = kind;
        _text = new StringBuilder(kind);
    }

    /// <summary>What the line builds ("dense", "relu", ...).</summary>
    public string Kind { get; }

    /// <summary>An option as written: what the ONNX export reads, so it describes exactly what the shim builds.</summary>
    public string this[string key] => _fields.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The spec line '{this}' has no option '{key}'.");

    public long IntegerOf(string key) => long.Parse(this[key], CultureInfo.InvariantCulture);

    public double RealOf(string key) => double.Parse(this[key], CultureInfo.InvariantCulture);

    public long[] IntegersOf(string key) => [.. this[key].Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture))];

    public SpecLine Integer(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public SpecLine Real(string key, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(key, value, $"The native option '{key}' must be a finite number.");
        return Add(key, value.ToString("R", CultureInfo.InvariantCulture));
    }

    public SpecLine Flag(string key, bool value) => Add(key, value ? "1" : "0");

    public SpecLine Word(string key, string value)
    {
        CheckWord(value);
        return Add(key, value);
    }

    public SpecLine Integers(string key, IEnumerable<int> values) => Add(key, string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))));

    public override string ToString() => _text.ToString();

    private SpecLine Add(string key, string value)
    {
        CheckWord(key);
        _fields.Add(key, value);
        _text.Append(' ').Append(key).Append('=').Append(value);
        return this;
    }

    // Kinds, keys and words are lower-case identifiers, so no value can break the line's syntax.
    private static void CheckWord(string word)
    {
        if (word.Length == 0 || !word.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            throw new ArgumentException($"'{word}' is not a native spec word.", nameof(word));
    }
}
