using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers;

/// <summary>
/// An ONNX model as it is built: graph inputs and outputs under exact names (ML.NET's OnnxTransformer
/// matches them to columns by name), nodes, and constants, every other value under a name not used
/// before. In a saved model's network, inputs and outputs hold one row, as OnnxTransformer feeds and reads
/// one row at a time; outputs are 1-D (it keeps every declared dimension in the column's type, so a batch
/// dimension would make a <c>Vector&lt;Single, 1, 3&gt;</c> of a <c>Vector&lt;Single, 3&gt;</c>). An exported
/// pipeline (<see cref="PipelineExport"/>) declares them as ML.NET's converter does, rows first, and takes in
/// the converter's nodes (<see cref="Splice"/>). Data flows one way: a node only reads values made before it.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>
    /// The ONNX operator set: 17, the newest of ONNX 1.12, whose schema (IR version 8) Protobuf/OnnxMl.cs
    /// was generated from, so the file claims nothing its schema does not know; onnxruntime has run it
    /// since 1.12. Every operator used here has its current meaning there (Softmax over one axis, since 13),
    /// and none needs a newer opset (GELU is written with Erf, as opset 20's Gelu computes it).
    /// </summary>
    public const int OperatorSet = 17;

    /// <summary>The IR version that goes with <see cref="OperatorSet"/> (ONNX 1.12).</summary>
    private const long IrVersion = 8;

    /// <summary>
    /// The ONNX-ML operator set: 2 is the first whose LabelEncoder maps text keys to int64 values, as the slot-name
    /// node needs, and the one ML.NET's ONNX converter writes.
    /// </summary>
    public const int MLOperatorSet = 2;

    public const string MLDomain = "ai.onnx.ml";

    /// <summary>
    /// onnxruntime's own operators (ML.NET's converter writes its Tokenizer and MurmurHash3 there without importing
    /// the domain); version 1, the only one.
    /// </summary>
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>A dimension whose size varies from row to row (written as a named dimension), as a vector of varying size is fed.</summary>
    public const long Varying = -1;

    private readonly GraphProto _graph = new() { Name = "MLNet.DeepTrainers" };
    private readonly HashSet<string> _names = [];

    /// <summary>Adds a graph input <paramref name="name"/> of <paramref name="dimensions"/> and returns it.</summary>
    public string Input(string name, DataType type, params long[] dimensions)
    {
        Reserve(name, "a graph input");
        _graph.Input.Add(ValueInfo(name, type, dimensions));
        return name;
    }

    /// <summary>Adds the graph input <paramref name="input"/> as it is declared (name, type, shape) and returns its name.</summary>
    public string Input(ValueInfoProto input)
    {
        Reserve(input.Name, "a graph input");
        _graph.Input.Add(input.Clone());
        return input.Name;
    }

    /// <summary>Declares the value <paramref name="output"/>.Name, made by a node already added, a graph output as it is declared.</summary>
    public void Output(ValueInfoProto output)
    {
        if (!_graph.Node.Any(n => n.Output.Contains(output.Name)))
            throw new InvalidOperationException($"The ONNX graph has no node that makes '{output.Name}', which it should output; this is a bug in MLNet.DeepTrainers.");
        _graph.Output.Add(output.Clone());
    }

    /// <summary>
    /// Adds the nodes and constants of another graph: its values named in <paramref name="bound"/> are this graph's
    /// values, those in <paramref name="exact"/> keep their names (outputs that are found by name), and every other
    /// value and every node takes a name not used before (its own where free). Returns each value's name here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Splice(IEnumerable<NodeProto> nodes, IEnumerable<TensorProto> constants, IReadOnlyDictionary<string, string> bound, IReadOnlySet<string> exact)
    {
        // Node names first: ML.NET's converter names a slot-name node and its constant alike, and OnnxTransformer finds the node by its name.
        var copies = nodes.Select(node =>
        {
            var copy = node.Clone();
            copy.Name = Unique(node.Name.Length > 0 ? node.Name : node.OpType);
            return copy;
        }).ToList();
        var names = new Dictionary<string, string>(bound);
        string Name(string value)
        {
            if (!exact.Contains(value))
                return names[value] = Unique(value);
            Reserve(value, "a graph output");
            return names[value] = value;
        }
        foreach (var constant in constants)
        {
            var copy = constant.Clone();
            copy.Name = Name(constant.Name);
            _graph.Initializer.Add(copy);
        }
        foreach (var copy in copies)
        {
            // An empty name is an optional input or output left out.
            for (int i = 0; i < copy.Input.Count; i++)
            {
                if (copy.Input[i].Length > 0)
                    copy.Input[i] = names.TryGetValue(copy.Input[i], out var name) ? name
                        : throw new InvalidOperationException($"The node '{copy.Name}' ({copy.OpType}) reads '{copy.Input[i]}', which nothing before it makes; this is a bug in MLNet.DeepTrainers.");
            }
            for (int i = 0; i < copy.Output.Count; i++)
            {
                if (copy.Output[i].Length > 0)
                    copy.Output[i] = Name(copy.Output[i]);
            }
            _graph.Node.Add(copy);
        }
        return names;
    }

    /// <summary>
    /// Removes what no graph output needs: nodes, constants, and graph inputs, so that a model asks only for the
    /// columns its outputs are computed from. Nodes are in the order they run, so one pass from the last finds them.
    /// </summary>
    public void Prune()
    {
        var needed = _graph.Output.Select(o => o.Name).ToHashSet();
        var kept = new List<NodeProto>();
        foreach (var node in _graph.Node.Reverse())
        {
            if (!node.Output.Any(needed.Contains))
                continue;
            kept.Add(node);
            needed.UnionWith(node.Input);
        }
        kept.Reverse();
        _graph.Node.Clear();
        _graph.Node.AddRange(kept);
        var constants = _graph.Initializer.Where(c => needed.Contains(c.Name)).ToList();
        _graph.Initializer.Clear();
        _graph.Initializer.AddRange(constants);
        var inputs = _graph.Input.Where(i => needed.Contains(i.Name)).ToList();
        _graph.Input.Clear();
        _graph.Input.AddRange(inputs);
    }

    /// <summary>Makes <paramref name="value"/>, of <paramref name="size"/> values, the graph output <paramref name="name"/> (flattened to 1-D).</summary>
    public void Output(string value, string name, DataType type, long size)
    {
        Reserve(name, "a graph output");
        var node = new NodeProto { OpType = "Reshape", Name = Unique("Reshape") };
        node.Input.Add(value);
        node.Input.Add(Constant([-1L], 1));
        node.Output.Add(name);
        _graph.Node.Add(node);
        _graph.Output.Add(ValueInfo(name, type, size));
    }

    /// <summary>
    /// Names the slots of the graph output <paramref name="output"/> as ML.NET's own ONNX export does and
    /// its OnnxTransformer reads back as the column's SlotNames: a LabelEncoder node named
    /// "mlnet.&lt;output&gt;.SlotNames" whose keys are the names, its result a graph output so no tool drops it.
    /// </summary>
    public void SlotNames(string output, IReadOnlyList<string> names)
    {
        string nodeName = $"mlnet.{output}.SlotNames";
        string result = $"mlnet.{output}.unusedOutput";
        Reserve(nodeName, "a node");
        Reserve(result, "a graph output");
        var node = new NodeProto { OpType = "LabelEncoder", Domain = MLDomain, Name = nodeName };
        node.Input.Add(Constant(["one"], 1, 1));
        node.Output.Add(result);
        node.Attribute.Add(OnnxAttribute.Texts("keys_strings", names));
        node.Attribute.Add(OnnxAttribute.Ints("values_int64s", Enumerable.Range(0, names.Count).Select(i => (long)i)));
        _graph.Node.Add(node);
        _graph.Output.Add(ValueInfo(result, DataType.Int64, 1, 1));
    }

    /// <summary>Adds a node of the default domain and returns its (single, new) output value.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => Node(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node of the default domain with its first <paramref name="outputs"/> outputs, and returns them (new values).</summary>
    public string[] Node(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique(op) };
        node.Input.AddRange(inputs);
        for (int i = 0; i < outputs; i++)
            node.Output.Add(Unique(op.ToLowerInvariant()));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return [.. node.Output];
    }

    /// <summary><paramref name="value"/> reshaped to [rows, <paramref name="shape"/>...].</summary>
    public string Reshape(string value, IEnumerable<int> shape)
    {
        long[] target = [-1, .. shape.Select(d => (long)d)];
        return Node("Reshape", [value, Constant(target, target.Length)]);
    }

    /// <summary>A constant float tensor.</summary>
    public string Constant(float[] values, params long[] shape) => Initializer(DataType.Float, shape, t => t.FloatData.Add(values));

    /// <summary>A constant int64 tensor (shapes, axes).</summary>
    public string Constant(long[] values, params long[] shape) => Initializer(DataType.Int64, shape, t => t.Int64Data.Add(values));

    /// <summary>A constant text tensor.</summary>
    public string Constant(string[] values, params long[] shape) => Initializer(DataType.String, shape, t => t.StringData.Add(values.Select(ByteString.CopyFromUtf8)));

    /// <summary>A constant vector of one of the types a multiclass label's key values can have (<see cref="ElementType"/>).</summary>
    public string Vector<T>(T[] values)
    {
        long[] shape = [values.Length];
        // By the element type, not the array's: the runtime takes a uint[] for an int[] and a ulong[] for a long[].
        return ElementType<T>() switch
        {
            DataType.String => Constant((string[])(object)values, shape),
            DataType.Float => Constant((float[])(object)values, shape),
            DataType.Int64 => Constant((long[])(object)values, shape),
            DataType.Double => Initializer(DataType.Double, shape, t => t.DoubleData.Add((double[])(object)values)),
            DataType.Int32 => Initializer(DataType.Int32, shape, t => t.Int32Data.Add((int[])(object)values)),
            // ONNX keeps uint32 values in uint64_data.
            DataType.Uint32 => Initializer(DataType.Uint32, shape, t => t.Uint64Data.Add(((uint[])(object)values).Select(v => (ulong)v))),
            _ => Initializer(DataType.Uint64, shape, t => t.Uint64Data.Add((ulong[])(object)values)),
        };
    }

    /// <summary>The ONNX element type of the values <see cref="Vector"/> writes.</summary>
    public static DataType ElementType<T>() => ElementType(typeof(T));

    /// <summary>The ONNX element type of .NET values of <paramref name="type"/>: a key's raw type, or a type of key values.</summary>
    public static DataType ElementType(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Single => DataType.Float,
        TypeCode.Double => DataType.Double,
        TypeCode.Int32 => DataType.Int32,
        TypeCode.Int64 => DataType.Int64,
        TypeCode.Byte => DataType.Uint8,
        TypeCode.UInt16 => DataType.Uint16,
        TypeCode.UInt32 => DataType.Uint32,
        TypeCode.UInt64 => DataType.Uint64,
        TypeCode.String => DataType.String,
        _ => throw new NotSupportedException($"{type.Name} values have no ONNX type in this library."),
    };

    /// <summary>The finished model, serialized.</summary>
    public byte[] ToBytes()
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MLNet.DeepTrainers",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OperatorSet });
        var domains = _graph.Node.Select(n => n.Domain).ToHashSet();
        if (domains.Contains(MLDomain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MLDomain, Version = MLOperatorSet });
        if (domains.Contains(MicrosoftDomain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        return model.ToByteArray();
    }

    private string Initializer(DataType type, long[] shape, Action<TensorProto> fill)
    {
        var tensor = new TensorProto { Name = Unique("const"), DataType = (int)type };
        tensor.Dims.Add(shape);
        fill(tensor);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, params long[] dimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dimensions.Select(d => d == Varying ? new TensorShapeProto.Types.Dimension { DimParam = "length" } : new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    /// <summary>Takes <paramref name="name"/> as it is: graph inputs and outputs must keep their exact names.</summary>
    private void Reserve(string name, string what)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"The ONNX graph cannot have '{name}' as {what}: the name is already taken in the graph.");
    }

    /// <summary>A value name not used before: <paramref name="stem"/>, or stem_1, stem_2, ...</summary>
    private string Unique(string stem)
    {
        if (_names.Add(stem))
            return stem;
        for (int i = 1; ; i++)
        {
            if (_names.Add($"{stem}_{i}"))
                return $"{stem}_{i}";
        }
    }
}
