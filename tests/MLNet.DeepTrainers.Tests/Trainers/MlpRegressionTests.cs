using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class MlpRegressionTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Line(int rows, Func<int, float>? label = null) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new LabeledVector
    {
        Features = [i / (float)rows, (i % 5) / 5f, 1],
        Label = label?.Invoke(i) ?? 3 * i / (float)rows - 1,
    }).ToList());

    private static MlpOptions Small(int? seed = null) => new() { HiddenLayers = [16], Epochs = 5, BatchSize = 8, Seed = seed };

    [Fact]
    public void The_seeds_Boston_example_cross_validates_to_an_MAE_of_at_most_2_8()
    {
        // PyTorch gets 2.40 and scikit-learn 2.39 on the peer's folds (../shared/peers/boston_cv.py); the issue's bar is 2.8.
        string folder = TestFiles.ScratchFolder();
        var output = new StringWriter();
        double mae = BostonSample.Run(new SampleOptions(null, folder, Quick: false, output));

        Assert.InRange(mae, 0, 2.8);
        Assert.True(File.Exists(Path.Combine(folder, "house.zip")));
        Assert.Contains("Total params: 5,121", output.ToString()); // 13·64+64 + 64·64+64 + 64+1, as Keras counts
        Assert.Matches(@"first house: actual 24\.0, predicted \d+\.\d", output.ToString());
    }

    [Fact]
    public void The_same_seed_trains_the_same_weights_bit_for_bit()
    {
        var data = Line(100);
        var options = Small(seed: 42);
        options.DropoutRate = 0.3f;
        var first = _ml.Regression.Trainers.Mlp(options).Fit(data).Model.Weights;
        var second = new MLContext().Regression.Trainers.Mlp(options).Fit(data).Model.Weights;
        var other = _ml.Regression.Trainers.Mlp(Small(seed: 43)).Fit(data).Model.Weights;

        Assert.Equal(first.Keys, second.Keys);
        foreach (var name in first.Keys)
            Assert.Equal(first[name].Values, second[name].Values);
        Assert.NotEqual(first["0.weight"].Values, other["0.weight"].Values);
    }

    [Fact]
    public void Training_reduces_the_loss_and_records_the_history()
    {
        var options = Small(seed: 1);
        options.Epochs = 30;
        options.ValidationFraction = 0.2;
        var reports = new List<EpochReport>();
        options.Progress = new Progress(reports);
        var model = _ml.Regression.Trainers.Mlp(options).Fit(Line(200)).Model;

        Assert.Equal(30, model.History.Epochs.Count);
        Assert.Equal(model.History.Epochs, reports);
        Assert.True(model.History.Epochs[^1].TrainLoss < model.History.Epochs[0].TrainLoss / 4);
        Assert.All(model.History.Epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void A_NaN_label_names_its_row()
    {
        var data = Line(20, i => i == 13 ? float.NaN : i);
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Regression.Trainers.Mlp(Small()).Fit(data));
        Assert.Contains("row 13", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void An_empty_data_view_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Regression.Trainers.Mlp(Small()).Fit(_ml.Data.TakeRows(Line(5), 0)));
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void Columns_of_the_wrong_type_or_width_are_named()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new AllTypes { Vector = [1, 2, 3] } });
        var wrongFeatures = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp("Single", "Double").Fit(data));
        Assert.Contains("'Double'", wrongFeatures.Message);
        var wrongLabel = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp("Text", "Vector").Fit(data));
        Assert.Contains("'Text'", wrongLabel.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp("Nope", "Vector").Fit(data));
        Assert.Contains("'Vector'", missing.Message);

        var model = _ml.Regression.Trainers.Mlp(Small()).Fit(Line(20));
        var narrow = _ml.Data.LoadFromEnumerable(new[] { new VectorRow { Features = [1, 2] } });
        var width = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(narrow));
        Assert.Contains("3 Single values", width.Message);
    }

    [Fact]
    public void Bad_options_are_refused_before_training()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp(learningRate: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp(hiddenLayers: [8, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp(new MlpOptions { DropoutRate = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Mlp(new MlpOptions { ValidationFraction = 1 }));
    }

    [Fact]
    public void A_GPU_that_is_not_there_is_an_error_unless_falling_back_to_the_CPU()
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = 0 };
        if (MLNet.DeepTrainers.Torch.TorchRuntime.CudaDeviceCount > 0)
            return; // this check is about machines without CUDA
        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.Mlp(Small()).Fit(Line(10)));
        Assert.Contains("no CUDA device is available", error.Message);

        ml.FallbackToCpu = true;
        Assert.Single(ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [4], Epochs = 1 }).Fit(Line(10)).Model.History.Epochs);
    }

    private sealed class Progress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
