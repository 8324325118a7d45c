using System.Xml.Linq;
using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Tests.Samples;

/// <summary>Every sample runs in its quick form, so none can rot; the full forms are what users run.</summary>
public class SampleTests
{
    private static (SampleOptions Options, StringWriter Output, string Folder) Quick(string? data = null)
    {
        var output = new StringWriter();
        string folder = TestFiles.ScratchFolder();
        return (new SampleOptions(data, folder, Quick: true, output), output, folder);
    }

    private static void AssertPlot(string folder, string file)
    {
        var svg = XDocument.Load(Path.Combine(folder, file));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public void Boston_compares_four_pipelines_and_round_trips_its_model()
    {
        var (options, output, folder) = Quick();
        BostonSample.Run(options);
        string text = output.ToString();
        foreach (var name in new[] { "MLP z-score", "MLP min-max", "FastTree", "FastForest" })
            Assert.Matches($@"{name}\s+\d+\.\d+ ± \d+\.\d+", text);
        Assert.Contains("by the model loaded from house.zip", text);
        AssertPlot(folder, "boston-cv.svg");
        AssertPlot(folder, "boston-history.svg");
        Assert.Contains(Path.Combine(folder, "boston-cv.svg"), text);
    }

    [Fact]
    public void Fashion_mnist_reports_each_network()
    {
        var (options, output, folder) = Quick();
        var results = FashionMnistSample.Run(options);
        Assert.Equal(["Dense", "MLP 512-512", "MLP + dropout", "CNN"], results.Select(r => r.Network));
        Assert.Equal([7_850L, 669_706, 669_706, 93_322], results.Select(r => r.Parameters));
        Assert.All(results, r => Assert.InRange(r.TestAccuracy, 0.2, 1)); // one epoch on 1,000 images; chance is 0.1
        Assert.Contains("test accuracy", output.ToString());
        AssertPlot(folder, "fashion-cnn-accuracy.svg");
    }

    [Fact]
    public void Wine_shows_where_the_label_encoding_matters()
    {
        var (options, output, _) = Quick();
        var comparison = WineSample.Run(options);
        Assert.Equal(3, comparison.Entries.Count);
        Assert.Contains("Confusion table", output.ToString());
        Assert.Contains("class_2", output.ToString());
    }

    [Fact]
    public void Breast_cancer_reports_precision_recall_f1_and_auc_per_pipeline()
    {
        var (options, output, folder) = Quick();
        var comparisons = BreastCancerSample.Run(options);
        Assert.Equal(["precision", "recall", "F1", "AUC"], comparisons.Keys);
        Assert.All(comparisons.Values, c => Assert.Equal(5, c.Entries.Count));
        Assert.All(comparisons["AUC"].Entries, e => Assert.InRange(e.Values.Average(), 0.8, 1));
        AssertPlot(folder, "breast-cancer-auc.svg");
    }

    [Fact]
    public void Text_compares_bags_of_words_embeddings_and_trees_and_shows_overfitting()
    {
        var (options, output, folder) = Quick();
        var comparison = TextSample.Run(options);
        Assert.Equal(["Bag of words, Dense 16-16-1", "Embedding, global average", "Embedding, Conv1D", "Embedding, LSTM", "Bag of words, FastTree"], comparison.Entries.Select(e => e.Name));
        Assert.All(comparison.Entries, e => Assert.Equal(5, e.Values.Length));
        Assert.Contains("validation loss is lowest after epoch", output.ToString());
        Assert.Contains("SMS spam", output.ToString());
        AssertPlot(folder, "text-cv.svg");
        AssertPlot(folder, "text-overfitting.svg");
    }

    [Fact]
    public void Save_load_predicts_single_rows_from_a_fresh_context()
    {
        var (options, _, folder) = Quick();
        var predictions = SaveLoadSample.Run(options);
        Assert.Equal(3, predictions.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], predictions.Select(p => p.Flower.Species));
        Assert.Equal("setosa", predictions[0].Prediction.PredictedSpecies);
        Assert.True(File.Exists(Path.Combine(folder, "iris-model.zip")));
    }

    [Fact]
    public void A_missing_data_file_says_which_and_how_to_get_it()
    {
        var (options, _, _) = Quick(data: "/nowhere/boston.csv");
        var error = Assert.Throws<FileNotFoundException>(() => BostonSample.Run(options));
        Assert.Contains("/nowhere/boston.csv", error.Message);
        Assert.Contains("--data", error.Message);

        var (fashion, _, _) = Quick(data: "/nowhere");
        var missing = Assert.Throws<FileNotFoundException>(() => FashionMnistSample.Run(fashion));
        Assert.Contains("/nowhere/train-images-idx3-ubyte.gz", missing.Message);
        Assert.Contains("eng/setup.sh", missing.Message);
    }
}
