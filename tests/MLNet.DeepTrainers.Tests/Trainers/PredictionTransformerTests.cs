using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class PredictionTransformerTests
{
    /// <summary>A model that counts its calls and the rows it scores; a row's score is its first feature.</summary>
    private sealed class CountingModel : IScoringModel
    {
        public int Calls;
        public int Rows;
        public string Kind => "Counting";
        public int FeatureWidth => 3;
        public int OutputWidth => 1;
        public void Predict(ReadOnlySpan<float> features, int rows, Span<float> output)
        {
            Calls++;
            Rows += rows;
            for (int r = 0; r < rows; r++)
                output[r] = features[r * FeatureWidth];
        }
        public void Save(StageWriter writer) { }
        public string ExportOnnx(MLNet.DeepTrainers.Onnx.OnnxGraph graph, string features) => throw new NotSupportedException();
    }

    private static (IDataView Scored, CountingModel Model, MLContext Ml) Score(int rows)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new LabeledVector { Features = [i - 5, 0, 0] }).ToList());
        var model = new CountingModel();
        return (new BinaryPredictionTransformer<CountingModel>(model, "Features").Transform(data), model, ml);
    }

    [Fact]
    public void Each_row_is_predicted_once_in_batches_however_many_output_columns_read_it()
    {
        var (scored, model, _) = Score(100);

        using (var cursor = scored.GetRowCursor(scored.Schema))
        {
            var score = cursor.GetGetter<float>(scored.Schema["Score"]);
            var probability = cursor.GetGetter<float>(scored.Schema["Probability"]);
            var label = cursor.GetGetter<bool>(scored.Schema["PredictedLabel"]);
            float s = 0, p = 0;
            bool l = false;
            for (int row = 0; cursor.MoveNext(); row++)
            {
                score(ref s);
                probability(ref p);
                label(ref l);
                Assert.Equal(row - 5, s);
                Assert.Equal(s > 0, l);
            }
        }

        Assert.Equal(100, model.Rows);
        Assert.Equal(3, model.Calls); // batches of 16, 32, then the other 52 rows
    }

    [Fact]
    public void Rows_skipped_by_the_reader_are_skipped_and_a_few_rows_read_score_few()
    {
        var (scored, model, _) = Score(100);
        using (var cursor = scored.GetRowCursor(scored.Schema))
        {
            var score = cursor.GetGetter<float>(scored.Schema["Score"]);
            float s = 0;
            for (int row = 0; cursor.MoveNext(); row++)
            {
                if (row % 7 != 3)
                    continue;
                score(ref s);
                Assert.Equal(row - 5, s);
            }
        }
        var (firstRows, counted, ml) = Score(100);
        Assert.Equal([-5f, -4, -3], ml.Data.TakeRows(firstRows, 3).GetColumn<float>("Score"));
        Assert.InRange(counted.Rows, 3, 16);
    }

    [Fact]
    public void The_prediction_engine_scores_each_row_on_its_own()
    {
        var ml = new MLContext(seed: 1);
        var model = new CountingModel();
        var transformer = new BinaryPredictionTransformer<CountingModel>(model, "Features");
        using var engine = ml.Model.CreatePredictionEngine<LabeledVector, ScoredRow>(transformer);

        for (int i = 0; i < 4; i++)
            Assert.Equal(i * 2, engine.Predict(new LabeledVector { Features = [i * 2, 0, 0] }).Score);

        Assert.Equal(4, model.Calls);
        Assert.Equal(4, model.Rows);
    }

    [Fact]
    public void A_network_scores_the_same_in_batches_as_row_by_row()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 700).Select(_ => new LabeledVector { Features = [random.NextSingle(), random.NextSingle(), random.NextSingle()], Label = random.NextSingle() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [32, 16], Epochs = 2 }).Fit(data);
        using var engine = ml.Model.CreatePredictionEngine<LabeledVector, ScoredRow>(model);

        var batched = model.Transform(data).GetColumn<float>("Score").ToList();

        Assert.Equal(rows.Count, batched.Count);
        for (int i = 0; i < rows.Count; i++)
            Assert.Equal(engine.Predict(rows[i]).Score, batched[i], 1e-6f);
    }
}
