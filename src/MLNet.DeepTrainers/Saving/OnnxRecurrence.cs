using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers;

/// <summary>
/// A recurrent layer as ONNX's RNN, LSTM or GRU node, forwards or both ways (direction "bidirectional", the two
/// directions' outputs side by side as PyTorch's bidirectional layers put them): the gate blocks reordered from PyTorch's order to ONNX's, and
/// ONNX's bias the input bias beside the recurrent one (zero where Keras has one bias). ONNX's recurrent nodes
/// read the steps first, so the rows and steps are transposed in and out.
/// </summary>
/// <remarks>
/// With a mask of padded steps (Keras's masking, which may leave any step out) the node runs the real steps
/// alone, moved to the front of each row in order, for as many steps as the row has (ONNX's sequence_lens, at
/// least 1: a row of padding alone is zeroed at the end). Skipping a step is what masking means: the state is
/// carried over it. Every step's output is then the output after the last real step up to it (zero before the
/// first); the backward direction's, after the last real step from the end down to it.
/// </remarks>
internal static class OnnxRecurrence
{
    /// <summary>The layer's nodes over <paramref name="x"/> [rows, <paramref name="input"/>], as <see cref="RecurrentModule"/> computes.</summary>
    public static string Write(OnnxNetworkWriter writer, RecurrentLayer layer, int[] input, string x, bool bidirectional)
    {
        string[] directions = bidirectional ? ["", "_reverse"] : [""];
        int gates = layer.Gates, units = layer.Units, count = directions.Length;
        int steps = input[0], features = input[1];
        string w = writer.Constant([.. directions.SelectMany(d => Reorder(layer, writer.Trained($"weight_ih_l0{d}").Values))], count, gates * units, features);
        string r = writer.Constant([.. directions.SelectMany(d => Reorder(layer, writer.Trained($"weight_hh_l0{d}").Values))], count, gates * units, units);
        string b = writer.Constant([.. directions.SelectMany(d => Reorder(layer, writer.Trained($"bias_ih_l0{d}").Values)
            .Concat(layer.RecurrentBias ? Reorder(layer, writer.Trained($"bias_hh_l0{d}").Values) : new float[gates * units]))], count, 2 * gates * units);

        string[] inputs = [writer.Node("Transpose", [writer.Mask is null ? x : RealStepsFirst(writer, x, steps)], OnnxAttribute.Ints("perm", [1, 0, 2])), w, r, b];
        if (writer.Mask is not null)
            inputs = [.. inputs, writer.Node("Cast", [writer.Reshape(writer.Node("Max", [writer.RealSteps(), writer.Scalar(1)]), [])], OnnxAttribute.Int("to", (long)DataType.Int32))];
        var outputs = writer.Node(layer.OnnxOperator, inputs, 2,
            [OnnxAttribute.Int("hidden_size", units), OnnxAttribute.Text("direction", bidirectional ? "bidirectional" : "forward"), .. layer.OnnxAttributes]);

        if (!layer.ReturnSequences)
        {
            // [directions, rows, units] to [rows, directions × units].
            string last = writer.Reshape(writer.Node("Transpose", [outputs[1]], OnnxAttribute.Ints("perm", [1, 0, 2])), [count * units]);
            return writer.Mask is null ? last : writer.Node("Mul", [last, writer.Node("Min", [writer.RealSteps(), writer.Scalar(1)])]);
        }
        // [steps, directions, rows, units] to [rows, steps, directions, units], then [rows, steps, directions × units].
        string sequence = writer.Node("Transpose", [outputs[0]], OnnxAttribute.Ints("perm", [2, 0, 1, 3]));
        if (writer.Mask is not null)
            sequence = InStepOrder(writer, sequence, bidirectional);
        return writer.Reshape(sequence, [steps, count * units]);
    }

    /// <summary>Each row of <paramref name="x"/> [rows, steps, features] with its real steps first, in order, then its padding.</summary>
    private static string RealStepsFirst(OnnxNetworkWriter writer, string x, int steps)
    {
        // Sorted by the step's position, plus the number of steps for padding: real steps first, each kind in order.
        string padding = writer.Node("Sub", [writer.Scalar(1), writer.Mask!]);
        string key = writer.Node("Add", [writer.Node("Mul", [padding, writer.Scalar(steps)]), writer.Constant([.. Enumerable.Range(0, steps).Select(s => (float)s)], steps)]);
        string order = writer.Node("TopK", [key, writer.Integers(steps)], 2, OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("largest", 0), OnnxAttribute.Int("sorted", 1))[1];
        string index = writer.Node("Expand", [writer.Node("Unsqueeze", [order, writer.Integers(2)]), writer.Node("Shape", [x])]);
        return writer.Node("GatherElements", [x, index], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>
    /// The outputs of the node over the real steps [rows, steps, directions, units] put back at the steps they
    /// belong to: forwards, the output after as many real steps as there are up to the step; backwards, the
    /// output at the first real step from the step on, counted from the front; zeros where there is none.
    /// </summary>
    private static string InStepOrder(OnnxNetworkWriter writer, string sequence, bool bidirectional)
    {
        string mask = writer.Mask!;
        // A zero output in front of the steps, which an index of 0 takes.
        string padded = writer.Node("Pad", [sequence, writer.Integers(0, 1, 0, 0, 0, 0, 0, 0)]);
        string upTo = writer.Node("CumSum", [mask, writer.Integer(1)]);
        string index = writer.Node("Unsqueeze", [upTo, writer.Integers(2)]);
        if (bidirectional)
        {
            string before = writer.Node("Sub", [upTo, mask]);
            string backward = writer.Node("Where", [writer.Node("Less", [before, writer.RealSteps()]), writer.Node("Add", [before, writer.Scalar(1)]), writer.Scalar(0)]);
            index = writer.Node("Concat", [index, writer.Node("Unsqueeze", [backward, writer.Integers(2)])], OnnxAttribute.Int("axis", 2));
        }
        string whole = writer.Node("Cast", [writer.Node("Unsqueeze", [index, writer.Integers(3)])], OnnxAttribute.Int("to", (long)DataType.Int64));
        return writer.Node("GatherElements", [padded, writer.Node("Expand", [whole, writer.Node("Shape", [sequence])])], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>A tensor's gate blocks, PyTorch's order, in ONNX's order.</summary>
    private static IEnumerable<float> Reorder(RecurrentLayer layer, float[] values)
    {
        int block = values.Length / layer.Gates;
        return layer.OnnxGateBlocks.SelectMany(g => new ArraySegment<float>(values, g * block, block));
    }
}
