using System.Globalization;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>Maps each value to its learned key; values never seen in fitting map to key 0 (missing).</summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "MapValueToKey";
    private readonly string _output;
    private readonly string _input;
    private readonly DataViewType _inputType;
    private readonly KeyMapping _mapping;
    private readonly bool _keyValuesAsText;

    internal ValueToKeyMappingTransformer(string output, string input, DataViewType inputType, KeyMapping mapping, bool keyValuesAsText)
    {
        _output = output;
        _input = input;
        _inputType = inputType;
        _mapping = mapping;
        _keyValuesAsText = keyValuesAsText;
    }

    internal static ValueToKeyMappingTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"),
        DataViewTypeCodec.Decode(reader.Get<string>("inputType")), KeyMapping.FromValues(reader.GetKeyValues("keyValues") ?? throw reader.Corrupt("it lacks its key values")),
        reader.Get<bool>("keyValuesAsText"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("inputType", DataViewTypeCodec.Encode(_inputType));
        writer.SetKeyValues("keyValues", _mapping.Values);
        writer.Set("keyValuesAsText", _keyValuesAsText);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = CheckInput(input, _input, _inputType, $"MapValueToKey('{_output}')");
        var values = _keyValuesAsText ? AsText(_mapping.Values) : _mapping.Values;
        return [new OutputColumn(_output, new KeyDataViewType(typeof(uint), (ulong)_mapping.Count),
            cursor => _mapping.KeyGetter(cursor, column), new DataViewSchema.Annotations(values, null))];
    }

    internal static DataViewSchema.Column CheckInput(DataViewSchema input, string name, DataViewType fittedType, string user)
    {
        var column = input.GetColumnOrNull(name) ?? throw input.MissingColumn(name);
        if (!column.Type.Equals(fittedType))
            throw new ArgumentOutOfRangeException(nameof(input), $"{user}: column '{name}' is {column.Type}, but it was fitted on {fittedType}.");
        return column;
    }

    internal static string[] AsText(Array values) =>
        values.Cast<object>().Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v.ToString() ?? "").ToArray();
}
