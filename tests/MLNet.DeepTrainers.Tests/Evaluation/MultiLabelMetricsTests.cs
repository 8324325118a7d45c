using Microsoft.ML.Data;
using MLNet.DeepTrainers.Tests.Layers;

namespace MLNet.DeepTrainers.Tests.Evaluation;

/// <summary>
/// ml.MultiLabelClassification.Evaluate against scikit-learn's metrics of the same label sets
/// (Fixtures/multilabel_metrics.safetensors, written by
/// <c>/usr/bin/python3 eng/golden/multilabel_metrics.py tests/MLNet.DeepTrainers.Tests/Fixtures/multilabel_metrics.safetensors</c>).
/// </summary>
public sealed class MultiLabelMetricsTests
{
    private const int Labels = 5;

    private sealed class Row
    {
        [VectorType(Labels)]
        public bool[] Label { get; set; } = [];

        [VectorType(Labels)]
        public bool[] PredictedLabel { get; set; } = [];
    }

    private static IDataView Fixture(MLContext ml, string[]? slotNames)
    {
        var golden = Golden.Fixture("multilabel_metrics.safetensors");
        long[] actual = Longs(golden["y_true"]), predicted = Longs(golden["y_pred"]);
        var rows = Enumerable.Range(0, actual.Length / Labels).Select(r => new Row
        {
            Label = [.. actual.Skip(r * Labels).Take(Labels).Select(v => v == 1)],
            PredictedLabel = [.. predicted.Skip(r * Labels).Take(Labels).Select(v => v == 1)],
        });
        var schema = SchemaDefinition.Create(typeof(Row));
        if (slotNames is not null)
        {
            var names = new VBuffer<ReadOnlyMemory<char>>(Labels, [.. slotNames.Select(n => n.AsMemory())]);
            schema["Label"].AddAnnotation("SlotNames", names, new VectorDataViewType(TextDataViewType.Instance, Labels));
        }
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static void AssertClose(float[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-6);
    }

    private static long[] Longs(GoldenTensor t) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(t.Bytes).ToArray();

    [Fact]
    public void Every_metric_is_scikit_learns()
    {
        var ml = new MLContext(seed: 1);
        var golden = Golden.Fixture("multilabel_metrics.safetensors");
        string[] topics = ["earn", "acq", "grain", "crude", "trade"];
        var metrics = ml.MultiLabelClassification.Evaluate(Fixture(ml, topics));
        Assert.Equal(60, metrics.Rows);
        Assert.Equal(golden["hamming_loss"].Floats[0], metrics.HammingLoss, 1e-6);
        Assert.Equal(golden["subset_accuracy"].Floats[0], metrics.SubsetAccuracy, 1e-6);
        float[] micro = golden["micro"].Floats, macro = golden["macro"].Floats, perLabel = golden["per_label"].Floats;
        AssertClose(micro, [metrics.MicroPrecision, metrics.MicroRecall, metrics.MicroF1Score]);
        AssertClose(macro, [metrics.MacroPrecision, metrics.MacroRecall, metrics.MacroF1Score]);
        Assert.Equal(topics, metrics.PerLabel.Select(l => l.Name));
        AssertClose(perLabel, [.. metrics.PerLabel.SelectMany(l => new[] { l.Precision, l.Recall, l.F1Score, l.Support })]);
    }

    [Fact]
    public void Labels_without_slot_names_are_named_by_index_and_wrong_columns_are_named()
    {
        var ml = new MLContext(seed: 1);
        var data = Fixture(ml, slotNames: null);
        Assert.Equal(["0", "1", "2", "3", "4"], ml.MultiLabelClassification.Evaluate(data).PerLabel.Select(l => l.Name));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MultiLabelClassification.Evaluate(data, labelColumnName: "Topics"));
        Assert.Contains("no label column 'Topics'", missing.Message);
        var numbers = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Fit(data).Transform(data);
        var wrong = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MultiLabelClassification.Evaluate(numbers));
        Assert.Contains("'Label' is Vector<Single, 5>", wrong.Message);
        Assert.Contains("known-size vector of Boolean", wrong.Message);
    }
}
