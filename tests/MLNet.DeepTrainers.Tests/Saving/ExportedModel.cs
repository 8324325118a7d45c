using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// A pipeline exported with <c>ExportToOnnx</c>, run by onnxruntime's own InferenceSession (not through ML.NET) on
/// the columns of data, and compared with what the pipeline adds in memory: the referee is outside both ML.NET's
/// converter and the library.
/// </summary>
internal sealed class ExportedModel : IDisposable
{
    private readonly InferenceSession _session;

    public ExportedModel(MLContext ml, ITransformer model, IDataView data, params string[] outputColumns)
    {
        using var stream = new MemoryStream();
        ml.Model.ExportToOnnx(model, data, stream, outputColumns);
        Bytes = stream.ToArray();
        _session = new InferenceSession(InCUtf8(Bytes));
    }

    /// <summary>
    /// The model with its StringNormalizer nodes (ML.NET's NormalizeText) in the locale C.UTF-8: onnxruntime builds
    /// en_US.UTF-8 for them by default, which a Debian without its locales package lacks, and C.UTF-8, which every
    /// glibc has, cases ASCII text alike.
    /// </summary>
    private static byte[] InCUtf8(byte[] bytes)
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(bytes);
        foreach (var node in model.Graph.Node.Where(n => n.OpType == "StringNormalizer" && n.Attribute.All(a => a.Name != "locale")))
            node.Attribute.Add(OnnxAttribute.Text("locale", "C.UTF-8"));
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    public byte[] Bytes { get; }

    public Onnx.ModelProto Proto => Onnx.ModelProto.Parser.ParseFrom(Bytes);

    public IReadOnlyCollection<string> Inputs => _session.InputNames;

    public IReadOnlyCollection<string> Outputs => _session.OutputNames;

    public void Dispose() => _session.Dispose();

    /// <summary>
    /// Runs the model on the rows of <paramref name="data"/>, all at once or one at a time (text stages of ML.NET's
    /// converter hold one row), and checks each "&lt;column&gt;.output" against the column of <paramref name="expected"/>:
    /// Single values within <see cref="SavedModel.Tolerance"/>, the rest equal, a key column with key values as its values.
    /// </summary>
    public void AssertSameAs(IDataView expected, IDataView data, bool oneRowAtATime = false)
    {
        var outputs = oneRowAtATime ? RowByRow(data) : Run(data, null);
        Assert.Contains(outputs.Keys, o => o.EndsWith(".output"));
        foreach (var (output, rows) in outputs.Where(o => o.Key.EndsWith(".output")))
        {
            string column = output[..^".output".Length];
            var want = Column(KeyNames.HaveValues(expected.Schema[column]) ? new MLContext().Transforms.Conversion.MapKeyToValue(column).Fit(expected).Transform(expected) : expected, column);
            Assert.Equal(want.Length, rows.Length);
            for (int row = 0; row < rows.Length; row++)
            {
                Assert.True(want[row].Length == rows[row].Length, $"{column}, row {row}: {rows[row].Length} values from onnxruntime, {want[row].Length} in memory");
                for (int i = 0; i < rows[row].Length; i++)
                {
                    if (want[row][i] is float w)
                        SavedModel.AssertClose(w, (float)rows[row][i], $"{column}[{i}], row {row}");
                    else
                        Assert.True(Equals(want[row][i], rows[row][i]), $"{column}[{i}], row {row}: {rows[row][i]} from onnxruntime, {want[row][i]} in memory");
                }
            }
        }
    }

    private Dictionary<string, object[][]> RowByRow(IDataView data)
    {
        int count = 0;
        using (var cursor = data.GetRowCursor([]))
        {
            while (cursor.MoveNext())
                count++;
        }
        var runs = Enumerable.Range(0, count).Select(row => Run(data, row)).ToList();
        return runs[0].Keys.ToDictionary(name => name, name => runs.SelectMany(r => r[name]).ToArray());
    }

    /// <summary>Every output, one array per row: all rows of <paramref name="data"/>, or the row <paramref name="only"/>.</summary>
    private Dictionary<string, object[][]> Run(IDataView data, int? only)
    {
        var inputs = _session.InputMetadata.Select(input =>
        {
            var rows = Column(data, input.Key);
            if (only is int row)
                rows = [rows[row]];
            int[] dimensions = [rows.Length, .. input.Value.Dimensions.Skip(1).Select((d, i) => d > 0 ? d : rows[0].Length)];
            var values = rows.SelectMany(r => r).ToArray();
            return values.FirstOrDefault() switch
            {
                string => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<string>(values.Cast<string>().ToArray(), dimensions)),
                bool => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<bool>(values.Cast<bool>().ToArray(), dimensions)),
                uint => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<uint>(values.Cast<uint>().ToArray(), dimensions)),
                _ => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(values.Cast<float>().ToArray(), dimensions)),
            };
        }).ToList();
        using var results = _session.Run(inputs);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> t => Rows(t),
            Tensor<bool> t => Rows(t),
            Tensor<string> t => Rows(t),
            Tensor<uint> t => Rows(t),
            Tensor<long> t => Rows(t),
            var other => throw new ArgumentException($"{r.Name}: no reading of {other?.GetType()}"),
        });
    }

    private static object[][] Rows<T>(Tensor<T> tensor)
    {
        var values = tensor.ToArray();
        int rows = tensor.Dimensions[0];
        int width = rows == 0 ? 0 : values.Length / rows;
        return Enumerable.Range(0, rows).Select(r => values.Skip(r * width).Take(width).Select(v => (object)v!).ToArray()).ToArray();
    }

    /// <summary>Column <paramref name="name"/> of <paramref name="data"/>, one array per row (a scalar as one value, text as strings).</summary>
    public static object[][] Column(IDataView data, string name)
    {
        var column = data.Schema[name];
        var item = (column.Type as VectorDataViewType)?.ItemType ?? column.Type;
        var read = typeof(ExportedModel).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(item.RawType);
        return (object[][])read.Invoke(null, [data, column])!;
    }

    private static object[][] Read<T>(IDataView data, DataViewSchema.Column column)
    {
        static object Box(T value) => value is ReadOnlyMemory<char> text ? text.ToString() : value!;
        var rows = new List<object[]>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<T>>(column);
            var vector = default(VBuffer<T>);
            while (cursor.MoveNext())
            {
                getter(ref vector);
                rows.Add([.. vector.DenseValues().Select(Box)]);
            }
        }
        else
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            while (cursor.MoveNext())
            {
                getter(ref value);
                rows.Add([Box(value)]);
            }
        }
        return [.. rows];
    }
}
