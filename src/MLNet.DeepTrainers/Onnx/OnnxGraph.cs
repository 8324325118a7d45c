using Onnx;

namespace MLNet.DeepTrainers.Onnx;

/// <summary>
/// The ONNX graph of a pipeline as it is built: which ONNX value holds each column now, the nodes
/// and constants so far. Every column is a 2-D tensor [rows, width] (a scalar column has width 1),
/// as ML.NET exports them, so stages read and write whole batches. Stages only add: data flows one
/// way, from the graph's inputs (the input data's columns) to its outputs.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The ONNX operator set the export targets (README: "ONNX export" says why this one).</summary>
    public const int OperatorSet = 13;

    /// <summary>The ONNX-ML operator set: 3 is the first whose TreeEnsembleRegressor declares its output type to ONNX's shape inference.</summary>
    public const int MLOperatorSet = 3;

    public const string MLDomain = "ai.onnx.ml";

    /// <summary>onnxruntime's own operators (its contrib ops), used only where standard ONNX has none: hashing, splitting text into words.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    private readonly GraphProto _graph = new() { Name = "MLNet.DeepTrainers" };
    private readonly Dictionary<string, (string Value, DataViewType Type)> _columns = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, DataViewType> _untyped = [];
    private bool _usesMicrosoftDomain;

    /// <summary>Starts a graph whose inputs are <paramref name="input"/>'s columns that ONNX can carry.</summary>
    public OnnxGraph(DataViewSchema input)
    {
        foreach (var column in input)
        {
            if (OnnxTypes.ElementType(column.Type) is null)
            {
                _untyped[column.Name] = column.Type;
                continue;
            }
            string name = Unique(column.Name);
            _graph.Input.Add(OnnxTypes.ValueInfo(name, column.Type));
            _columns[column.Name] = (name, column.Type);
        }
    }

    /// <summary>The value holding column <paramref name="name"/> now, and its type; <paramref name="stage"/> names the reader in the error.</summary>
    public (string Value, DataViewType Type) Column(string name, string stage) =>
        _columns.TryGetValue(name, out var column) ? column
            : throw new NotSupportedException(_untyped.TryGetValue(name, out var type)
                ? $"{stage} reads the column '{name}', whose type {type} has no ONNX tensor type (ONNX carries numbers, booleans, text and keys, in vectors of known size). Convert it first, or leave it out of the exported pipeline."
                : $"{stage} reads the column '{name}', which the exported pipeline does not have at that point.");

    /// <summary>Makes <paramref name="value"/> the column <paramref name="name"/> from here on (replacing any column of that name).</summary>
    public void SetColumn(string name, string value, DataViewType type) => _columns[name] = (value, type);

    /// <summary>Forgets a column, as a DropColumns or SelectColumns stage does.</summary>
    public void RemoveColumn(string name) => _columns.Remove(name);

    public IReadOnlyCollection<string> ColumnNames => _columns.Keys;

    /// <summary>Adds a node of the default domain and returns its (single, new) output value.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => NodeIn("", op, inputs, 1, attributes)[0];

    /// <summary>Adds a node of the default domain with <paramref name="outputs"/> outputs and returns them in order.</summary>
    public string[] Node(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes) => NodeIn("", op, inputs, outputs, attributes);

    /// <summary>Adds an ONNX-ML node and returns its output value.</summary>
    public string MLNode(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => NodeIn(MLDomain, op, inputs, 1, attributes)[0];

    /// <summary>
    /// Adds an onnxruntime contrib node (the file then runs on onnxruntime only) and returns its output
    /// value, declared as a tensor of <paramref name="outputType"/> with <paramref name="outputRank"/>
    /// dimensions: ONNX's shape inference knows nothing of contrib ops, and the onnx checker crashes on a
    /// TfIdfVectorizer fed a value of unknown rank.
    /// </summary>
    public string MicrosoftNode(string op, IEnumerable<string> inputs, TensorProto.Types.DataType outputType, int outputRank, params AttributeProto[] attributes)
    {
        _usesMicrosoftDomain = true;
        string output = NodeIn(MicrosoftDomain, op, inputs, 1, attributes)[0];
        var shape = new TensorShapeProto();
        for (int i = 0; i < outputRank; i++)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = $"{output}_{i}" });
        _graph.ValueInfo.Add(new ValueInfoProto { Name = output, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)outputType, Shape = shape } } });
        return output;
    }

    private string[] NodeIn(string domain, string op, IEnumerable<string> inputs, int outputs, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Domain = domain, Name = Unique(op) };
        node.Input.AddRange(inputs);
        for (int i = 0; i < outputs; i++)
            node.Output.Add(Unique(op.ToLowerInvariant()));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return [.. node.Output];
    }

    /// <summary>
    /// The rows of text column <paramref name="name"/> as a [N] string tensor (squeezed from [N, 1]:
    /// the text ops take one string per row); only a text column exports, as <paramref name="stage"/>'s message says otherwise.
    /// </summary>
    public string TextRows(string name, string stage)
    {
        var (text, type) = Column(name, stage);
        if (type is not TextDataViewType)
            throw new NotSupportedException($"{stage}: only a text column exports; '{name}' is {type}.");
        return Node("Squeeze", [text, Constant([1L], 1)]);
    }

    /// <summary>An Unsqueeze of <paramref name="value"/> at <paramref name="axis"/>.</summary>
    public string Unsqueeze(string value, long axis) => Node("Unsqueeze", [value, Constant([axis], 1)]);

    /// <summary>A Cast of <paramref name="value"/> to <paramref name="type"/>.</summary>
    public string Cast(string value, TensorProto.Types.DataType type) => Node("Cast", [value], OnnxAttribute.Int("to", (long)type));

    /// <summary>A constant float tensor.</summary>
    public string Constant(float[] values, params long[] shape) => Initializer(TensorProto.Types.DataType.Float, shape, t => t.FloatData.Add(values));

    /// <summary>A constant double tensor.</summary>
    public string Constant(double[] values, params long[] shape) => Initializer(TensorProto.Types.DataType.Double, shape, t => t.DoubleData.Add(values));

    /// <summary>A constant int64 tensor (shapes, axes, indices).</summary>
    public string Constant(long[] values, params long[] shape) => Initializer(TensorProto.Types.DataType.Int64, shape, t => t.Int64Data.Add(values));

    /// <summary>A constant 1-D tensor of <paramref name="values"/>, whose items are text, Booleans or numbers.</summary>
    public string ConstantVector(Array values)
    {
        long[] shape = [values.Length];
        return values switch
        {
            float[] v => Constant(v, shape),
            double[] v => Constant(v, shape),
            long[] v => Constant(v, shape),
            int[] v => Initializer(TensorProto.Types.DataType.Int32, shape, t => t.Int32Data.Add(v)),
            // ONNX keeps uint32 items in uint64_data and Booleans in int32_data.
            uint[] v => Initializer(TensorProto.Types.DataType.Uint32, shape, t => t.Uint64Data.Add(v.Select(x => (ulong)x))),
            bool[] v => Initializer(TensorProto.Types.DataType.Bool, shape, t => t.Int32Data.Add(v.Select(x => x ? 1 : 0))),
            string[] v => Initializer(TensorProto.Types.DataType.String, shape, t => t.StringData.Add(v.Select(Google.Protobuf.ByteString.CopyFromUtf8))),
            _ => throw new NotSupportedException($"Values of {values.GetType().GetElementType()!.Name} have no ONNX constant here."),
        };
    }

    private string Initializer(TensorProto.Types.DataType type, long[] shape, Action<TensorProto> fill)
    {
        var tensor = new TensorProto { Name = Unique("const"), DataType = (int)type };
        tensor.Dims.Add(shape);
        fill(tensor);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// The finished model: each of <paramref name="outputs"/> becomes the graph output
    /// "&lt;column&gt;.output" (ML.NET's names) through an Identity node.
    /// </summary>
    public ModelProto Finish(IEnumerable<DataViewSchema.Column> outputs)
    {
        foreach (var column in outputs)
        {
            var (value, type) = Column(column.Name, "The graph's output");
            string name = column.Name + ".output";
            if (!_names.Add(name))
                throw new NotSupportedException($"The output column '{column.Name}' would be the graph output '{name}', a name already taken.");
            var node = new NodeProto { OpType = "Identity", Name = Unique("Identity") };
            node.Input.Add(value);
            node.Output.Add(name);
            _graph.Node.Add(node);
            _graph.Output.Add(OnnxTypes.ValueInfo(name, type));
        }
        var model = new ModelProto
        {
            IrVersion = 7,
            ProducerName = "MLNet.DeepTrainers",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OperatorSet });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MLDomain, Version = MLOperatorSet });
        if (_usesMicrosoftDomain)
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        return model;
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
