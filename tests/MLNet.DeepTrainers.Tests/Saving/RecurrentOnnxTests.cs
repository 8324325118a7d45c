using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// Every form of recurrent layer in ONNX (each kind, one direction or two, the last state or every step's, with
/// Keras's masking or without) run by onnxruntime against the layer in TorchSharp, to 1e-5, on rows with padding
/// before, between and after the real tokens and a row of padding alone. Networks with Keras's starting weights,
/// each row run alone, as ML.NET's OnnxTransformer runs them (EveryLayerSaveLoadTests goes through ML.NET itself).
/// </summary>
public sealed class RecurrentOnnxTests
{
    private const int Steps = 7, Vocabulary = 9;

    private static readonly float[][] Rows =
    [
        [3, 1, 4, 1, 5, 8, 2],
        [0, 0, 0, 6, 5, 3, 5],
        [0, 8, 0, 0, 7, 8, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 4],
    ];

    public static TheoryData<string, bool, bool> Forms()
    {
        var forms = new TheoryData<string, bool, bool>();
        foreach (string kind in new[] { "SimpleRNN", "LSTM", "GRU" })
        {
            foreach (bool bidirectional in new[] { false, true })
            {
                foreach (bool sequences in new[] { false, true })
                    forms.Add(kind, bidirectional, sequences);
            }
        }
        return forms;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_recurrent_layer_in_ONNX_gives_its_outputs(string kind, bool bidirectional, bool sequences)
    {
        RecurrentLayer recurrent = kind switch
        {
            "SimpleRNN" => new SimpleRNN(3, sequences),
            "LSTM" => new LSTM(3, sequences),
            _ => new GRU(3, sequences),
        };
        Layer layer = bidirectional ? new Bidirectional(recurrent) : recurrent;
        // The library's loader first: a test's own torch call must not be the process's first.
        TorchRuntime.EnsureLoaded();
        foreach (bool masked in new[] { false, true })
        {
            // Every step's outputs where nothing is masked; the maximum over the real steps where a mask hides the rest.
            Layer[] after = !sequences ? [] : masked ? [new GlobalMaxPooling1D()] : [new Flatten()];
            var architecture = new NetworkArchitecture([Steps], [new Embedding(Vocabulary, 4, maskZero: masked), layer, .. after]);
            var model = new DeepModel(architecture, architecture.Build(seed: 1), new TrainingHistory());
            int width = architecture.OutputWidth;
            var expected = new float[Rows.Length * width];
            model.Predict([.. Rows.SelectMany(r => r)], Rows.Length, expected);

            var graph = new OnnxGraph();
            graph.Output(OnnxNetworkWriter.Write(graph, model, graph.Input("features", DataType.Float, Steps)), "outputs", DataType.Float, width);
            using var session = new InferenceSession(graph.ToBytes());
            for (int row = 0; row < Rows.Length; row++)
            {
                using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(Rows[row], [Steps]))]);
                var actual = results.Single().AsEnumerable<float>().ToArray();
                for (int i = 0; i < width; i++)
                    SavedModel.AssertClose(expected[row * width + i], actual[i], $"{(masked ? "masked " : "")}{kind}, row {row}, output {i}");
            }
        }
    }
}
