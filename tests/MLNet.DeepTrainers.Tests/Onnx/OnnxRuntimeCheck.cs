using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Onnx;

/// <summary>
/// Exports a fitted pipeline, checks the file with the ONNX project's checker (eng/onnx/check.py),
/// scores every row of the data with onnxruntime (eng/onnx/score.js) and compares each output column
/// with what the pipeline itself computes.
/// </summary>
internal static class OnnxRuntimeCheck
{
    /// <summary>Runs the comparison; floats must agree to <paramref name="tolerance"/> (absolute), everything else exactly.</summary>
    public static string Compare(MLContext ml, ITransformer model, IDataView data, float tolerance, params string[] columns)
    {
        string folder = TestFiles.ScratchFolder();
        string modelPath = Path.Combine(folder, "model.onnx"), inputs = Path.Combine(folder, "inputs.json"), outputs = Path.Combine(folder, "outputs.json");
        using (var file = File.Create(modelPath))
            ml.Model.ConvertToOnnx(model, data, file, columns);
        string checker = ExternalTool.Run("/usr/bin/python3", ExternalTool.Script("eng/onnx/check.py"), modelPath);

        var feeds = new JsonObject();
        foreach (var column in data.Schema)
        {
            if (Describe(column.Type) is { } type)
                feeds[column.Name] = Tensor(data, column, type);
        }
        File.WriteAllText(inputs, feeds.ToJsonString());
        ExternalTool.Run("node", ExternalTool.Script("eng/onnx/score.js"), modelPath, inputs, outputs);
        var results = JsonNode.Parse(File.ReadAllText(outputs))!.AsObject();

        var scored = model.Transform(data);
        foreach (var name in columns)
        {
            var expected = Values(scored, scored.Schema[name]);
            var found = results[name + ".output"]?["data"]?.AsArray() ?? throw new InvalidOperationException($"onnxruntime gave no output '{name}.output' (it gave {string.Join(", ", results.Select(r => r.Key))}).");
            Assert.Equal(expected.Count, found.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                if (expected[i] is float f)
                {
                    float g = Number(found[i]!);
                    Assert.True(float.IsNaN(f) ? float.IsNaN(g) : Math.Abs(f - g) <= tolerance * Math.Max(1, Math.Abs(f)),
                        $"column '{name}', value {i}: the pipeline gives {f.ToString("R", CultureInfo.InvariantCulture)}, onnxruntime {g.ToString("R", CultureInfo.InvariantCulture)}");
                }
                else
                {
                    Assert.True(Equals(expected[i], Convert(found[i]!, expected[i])), $"column '{name}', value {i}: the pipeline gives {expected[i]}, onnxruntime {found[i]}");
                }
            }
        }
        return checker;
    }

    // The tensor type onnxruntime is fed a column as; null for what ONNX cannot carry (a vector whose size varies, a date).
    private static string? Describe(DataViewType type) => type is VectorDataViewType { IsKnownSize: false } ? null : type.ItemType() switch
    {
        TextDataViewType => "string",
        BooleanDataViewType => "bool",
        KeyDataViewType => "uint32",
        { } item when item.RawType == typeof(float) => "float32",
        { } item when item.RawType == typeof(double) => "float64",
        { } item when item.RawType == typeof(int) => "int32",
        { } item when item.RawType == typeof(long) => "int64",
        { } item when item.RawType == typeof(uint) => "uint32",
        _ => null,
    };

    private static JsonObject Tensor(IDataView data, DataViewSchema.Column column, string type)
    {
        var values = Values(data, column);
        var array = new JsonArray(values.Select(v => v switch
        {
            float f when !float.IsFinite(f) => JsonValue.Create(f.ToString(CultureInfo.InvariantCulture)),
            double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(v),
        }).ToArray<JsonNode?>());
        int width = column.Type is VectorDataViewType vector ? vector.Size : 1;
        return new JsonObject { ["type"] = type, ["dims"] = new JsonArray(values.Count / width, width), ["data"] = array };
    }

    /// <summary>Every value of a column, row by row, vectors flattened.</summary>
    private static List<object> Values(IDataView data, DataViewSchema.Column column)
    {
        var item = column.Type.ItemType()!.RawType;
        var read = typeof(OnnxRuntimeCheck).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(item);
        return (List<object>)read.Invoke(null, [data, column])!;
    }

    private static List<object> Read<T>(IDataView data, DataViewSchema.Column column) => column.Type is VectorDataViewType
        ? data.GetColumn<T[]>(column).SelectMany(v => v.Cast<object>()).ToList()
        : data.GetColumn<T>(column).Cast<object>().ToList();

    private static float Number(JsonNode node) => node.GetValueKind() == JsonValueKind.String
        ? float.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)
        : node.GetValue<float>();

    private static object Convert(JsonNode node, object like) => like switch
    {
        bool => node.GetValue<bool>(),
        uint => node.GetValue<uint>(),
        int => node.GetValue<int>(),
        long => node.GetValue<long>(),
        double => node.GetValueKind() == JsonValueKind.String ? double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture) : node.GetValue<double>(),
        string => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
