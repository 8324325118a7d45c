using Onnx;

namespace MLNet.DeepTrainers.Onnx;

/// <summary>
/// A recurrent layer as ONNX's RNN, LSTM or GRU node over a [batch, steps, features] value. ONNX orders
/// an LSTM's gates i, o, f, c and a GRU's z, r, h where the weights here are PyTorch's (i, f, g, o and
/// r, z, n), so the gate blocks are reordered; ONNX's bias is the input bias then the recurrent one
/// (zero where Keras has one bias); a GRU resets after its recurrent product (linear_before_reset).
/// </summary>
internal static class RecurrentExport
{
    public static string Write(OnnxGraph graph, SpecLine line, string x, Func<string, NamedTensor> tensor)
    {
        int units = (int)line.IntegerOf("units"), directions = (int)line.IntegerOf("directions");
        var (op, order) = line.Kind switch
        {
            "lstm" => ("LSTM", new[] { 0, 3, 1, 2 }),
            "gru" => ("GRU", new[] { 1, 0, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        string[] suffixes = directions == 2 ? ["", "_reverse"] : [""];
        NamedTensor Of(string name, string suffix) => tensor(name + suffix);
        float[] Stack(Func<string, float[]> direction) => [.. suffixes.SelectMany(direction)];
        var w = Stack(d => Reordered(Of("weight_ih_l0", d).Values, order));
        var r = Stack(d => Reordered(Of("weight_hh_l0", d).Values, order));
        var b = Stack(d => Reordered(Of("bias_ih_l0", d).Values, order)
            .Concat(line.Kind == "gru" ? Reordered(Of("bias_hh_l0", d).Values, order) : new float[order.Length * units]).ToArray());
        long rows = order.Length * units, features = line.IntegerOf("in");
        var attributes = new List<AttributeProto>
        {
            OnnxAttribute.Int("hidden_size", units),
            OnnxAttribute.Text("direction", directions == 2 ? "bidirectional" : "forward"),
        };
        if (line.Kind == "gru")
            attributes.Add(OnnxAttribute.Int("linear_before_reset", 1));
        // ONNX's recurrent nodes (before opset 14's layout) read [steps, batch, features].
        var timeFirst = graph.Node("Transpose", [x], OnnxAttribute.Ints("perm", [1, 0, 2]));
        var outputs = graph.Node(op, [timeFirst, graph.Constant(w, directions, rows, features), graph.Constant(r, directions, rows, units), graph.Constant(b, directions, 2 * rows)],
            2, [.. attributes]);
        if (line.IntegerOf("sequences") == 1)
        {
            // Y: [steps, directions, batch, units] -> [batch, steps, directions × units].
            var batchFirst = graph.Node("Transpose", [outputs[0]], OnnxAttribute.Ints("perm", [2, 0, 1, 3]));
            return graph.Node("Reshape", [batchFirst, graph.Constant([0L, 0L, -1L], 3)]);
        }
        // Y_h: [directions, batch, units] -> [batch, directions × units], the forward state first.
        var last = graph.Node("Transpose", [outputs[1]], OnnxAttribute.Ints("perm", [1, 0, 2]));
        return graph.Node("Reshape", [last, graph.Constant([0L, -1L], 2)]);
    }

    // Row block order[k] of a [blocks × units, ...] tensor becomes block k.
    private static float[] Reordered(float[] values, int[] order)
    {
        int block = values.Length / order.Length;
        var result = new float[values.Length];
        for (int k = 0; k < order.Length; k++)
            Array.Copy(values, order[k] * block, result, k * block, block);
        return result;
    }
}
