namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Small fits train on threads of their own, side by side (ML.NET's CrossValidate fits every fold before
/// it evaluates any): the same models as where they were called, options read when Fit was called, and
/// training's errors at the model's first use.
/// </summary>
public sealed class BackgroundFitTests
{
    /// <summary>Does nothing; its presence keeps a fit on the caller's thread.</summary>
    private sealed class Stay : TrainingCallback;

    /// <summary>Stops training after the first epoch.</summary>
    private sealed class StopAtOnce : TrainingCallback
    {
        public override void OnEpochEnd(TrainingState state, EpochReport report) => state.StopTraining("stopped at once");
    }

    private static IDataView Prepared(MLContext ml) => Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));

    private static MlpOptions Options(int seed, bool stay) => new()
    {
        LabelColumnName = "MEDV", Epochs = 3, DropoutRate = 0.3f, Seed = seed, Callbacks = stay ? [new Stay()] : [],
    };

    [Fact]
    public void A_model_scores_the_same_rows_alike_every_time_while_other_fits_train()
    {
        // With the rows scored from a .NET array's memory (DeepModel.Predict), the first model's scores differed in
        // the last bit from one Transform to the next in every run of this test, in up to 95 of the 506 rows.
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        var models = Enumerable.Range(0, 6).Select(_ => ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", HiddenLayers = [8], Epochs = 4, Seed = 3 }).Fit(data)).ToList();
        var first = models[0].Transform(data).GetColumn<float>("Score").ToArray();
        foreach (var model in models)
        {
            Assert.Equal(first, models[0].Transform(data).GetColumn<float>("Score").ToArray());
            Assert.Equal(first, model.Transform(data).GetColumn<float>("Score").ToArray());
        }
    }

    [Fact]
    public void Fits_side_by_side_give_the_models_each_gives_alone_dropout_included()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        // Four fits started back to back run two at a time on this machine's cores, their dropout masks drawn concurrently.
        var side = Enumerable.Range(1, 4).Select(seed => ml.Regression.Trainers.Mlp(Options(seed, stay: false)).Fit(data)).ToList();
        var alone = Enumerable.Range(1, 4).Select(seed => ml.Regression.Trainers.Mlp(Options(seed, stay: true)).Fit(data)).ToList();
        for (int i = 0; i < 4; i++)
            Assert.Equal(alone[i].Transform(data).GetColumn<float>("Score").ToArray(), side[i].Transform(data).GetColumn<float>("Score").ToArray());
        Assert.NotEqual(side[0].Transform(data).GetColumn<float>("Score").ToArray(), side[1].Transform(data).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void A_fit_reads_its_options_when_Fit_is_called()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        var options = new MlpOptions { LabelColumnName = "MEDV", Epochs = 3 };
        var model = ml.Regression.Trainers.Mlp(options).Fit(data);
        options.Epochs = 1;
        options.Callbacks.Add(new StopAtOnce());
        Assert.Equal(3, model.Model.History.Epochs.Count);
    }

    [Fact]
    public void What_training_throws_comes_at_the_models_first_use()
    {
        var ml = new MLContext(seed: 1);
        var data = Prepared(ml);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var model = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 2, CancellationToken = cancelled.Token }).Fit(data);
        var error = Assert.Throws<OperationCanceledException>(() => ml.Regression.Evaluate(model.Transform(data), "MEDV"));
        Assert.Contains("Regression.Trainers.Mlp: training was cancelled before its first epoch finished", error.Message);
        Assert.Throws<OperationCanceledException>(() => model.Model.History);
    }
}
