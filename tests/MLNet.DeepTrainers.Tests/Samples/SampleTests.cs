using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Tests.Samples;

/// <summary>Every sample runs end to end in its quick form (few epochs and rows), with its numbers in a sane range.</summary>
public sealed class SampleTests
{
    private static SampleOptions Quick(string folder, StringWriter output) => new(null, folder, Quick: true, output);

    private static T InTemporaryFolder<T>(Func<string, T> run)
    {
        string folder = Directory.CreateTempSubdirectory("mldt-sample-").FullName;
        try
        {
            return run(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Boston_cross_validates_saves_loads_and_predicts()
    {
        var output = new StringWriter();
        double mae = InTemporaryFolder(folder =>
        {
            double result = BostonSample.Run(Quick(folder, output));
            Assert.True(File.Exists(Path.Combine(folder, "boston-cv.svg")));
            Assert.True(File.Exists(Path.Combine(folder, "house.zip")));
            return result;
        });
        // Five epochs from scratch: far from the trained 2.5, far below the 9.2 of always predicting the mean.
        Assert.InRange(mae, 1.5, 8);
        Assert.Contains("FastForest", output.ToString());
        Assert.Matches(@"first house: actual 24\.0, predicted \d+\.\d", output.ToString());
    }

    [Fact]
    public void Breast_cancer_compares_networks_with_the_tree_baselines()
    {
        var comparisons = InTemporaryFolder(folder => BreastCancerSample.Run(Quick(folder, new StringWriter())));
        Assert.Equal(5, comparisons["AUC"].Entries.Count);
        Assert.All(comparisons["AUC"].Entries, e => Assert.True(e.Values.Average() > 0.9, $"{e.Name}: AUC {e.Values.Average()}"));
    }

    [Fact]
    public void Wine_and_iris_go_through_DataFrames_and_key_labels()
    {
        var output = new StringWriter();
        var comparison = InTemporaryFolder(folder => WineSample.Run(Quick(folder, output)));
        Assert.All(comparison.Entries, e => Assert.True(e.Values.Average() > 0.8, $"{e.Name}: accuracy {e.Values.Average()}"));
        Assert.Contains("predicted_species", output.ToString());
    }

    [Fact]
    public void Fashion_MNIST_trains_each_network_of_the_progression()
    {
        var results = InTemporaryFolder(folder => FashionMnistSample.Run(Quick(folder, new StringWriter())));
        Assert.Equal(["Dense", "MLP 512-512", "MLP + dropout", "CNN"], results.Select(r => r.Network));
        Assert.Equal(93_322, results[3].Parameters);
        Assert.All(results, r => Assert.True(r.TestAccuracy > 0.2, $"{r.Network}: {r.TestAccuracy}"));
    }

    [Fact]
    public void Text_goes_from_raw_sentences_through_MLNETs_text_transforms_into_every_network()
    {
        var output = new StringWriter();
        var comparison = InTemporaryFolder(folder =>
        {
            var result = TextSample.Run(Quick(folder, output));
            Assert.True(File.Exists(Path.Combine(folder, "text-cv.svg")));
            Assert.True(File.Exists(Path.Combine(folder, "text-overfitting.svg")));
            return result;
        });
        Assert.Equal(["Bag of words, Dense 16-16-1", "Embedding, global average", "Embedding, Conv1D", "Embedding, LSTM", "Bag of words, FastTree", "Bag of words, SDCA logistic"],
            comparison.Entries.Select(e => e.Name));
        // 300 sentences, 2 epochs: a check that each runs and scores, not of how well.
        Assert.All(comparison.Entries, e => Assert.InRange(e.Values.Average(), 0.3, 1));
        Assert.Matches(@"SMS spam \(1,000 messages\).*accuracy 0\.[89]", output.ToString());
    }
}
