using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class PredictionTransformerTests
{
    /// <summary>A model that counts how often it is asked to predict.</summary>
    private sealed class CountingModel : IScoringModel
    {
        public int Calls;
        public string Kind => "Counting";
        public int FeatureWidth => 3;
        public int OutputWidth => 1;
        public void Predict(ReadOnlySpan<float> features, int rows, Span<float> output)
        {
            Calls++;
            output[0] = features[0];
        }
        public void Save(StageWriter writer) { }
        public string ExportOnnx(MLNet.DeepTrainers.Onnx.OnnxGraph graph, string features) => throw new NotSupportedException();
    }

    [Fact]
    public void Each_row_is_predicted_once_however_many_output_columns_read_it()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new LabeledVector { Features = [i - 5, 0, 0] }).ToList());
        var model = new CountingModel();
        var scored = new BinaryPredictionTransformer<CountingModel>(model, "Features").Transform(data);

        using (var cursor = scored.GetRowCursor(scored.Schema))
        {
            var score = cursor.GetGetter<float>(scored.Schema["Score"]);
            var probability = cursor.GetGetter<float>(scored.Schema["Probability"]);
            var label = cursor.GetGetter<bool>(scored.Schema["PredictedLabel"]);
            float s = 0, p = 0;
            bool l = false;
            while (cursor.MoveNext())
            {
                score(ref s);
                probability(ref p);
                label(ref l);
                Assert.Equal(s > 0, l);
            }
        }

        Assert.Equal(10, model.Calls);
    }
}
