using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Tests.Onnx;

/// <summary>
/// Every pipeline the samples build, fitted on the sample's own data (few epochs), exported to ONNX and
/// scored by onnxruntime on every row: what a user of the samples would export gives the same answers.
/// </summary>
public class SamplePipelinesOnnxTests
{
    private readonly MLContext _ml = new(seed: 1);
    private static readonly SampleOptions Options = new(null, TestFiles.ScratchFolder(), Quick: true, TextWriter.Null);

    private void CompareAll(IReadOnlyList<(string Name, IEstimator<ITransformer> Pipeline)> pipelines, IDataView data, params string[] columns)
    {
        foreach (var (name, pipeline) in pipelines)
        {
            var model = pipeline.Fit(data);
            var outputs = columns.Where(c => model.GetOutputSchema(data.Schema).GetColumnOrNull(c) is not null).ToArray();
            Assert.True(outputs.Length > 0, $"{name} has none of the columns {string.Join(", ", columns)}");
            try
            {
                OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, outputs);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or InvalidOperationException)
            {
                throw new Xunit.Sdk.XunitException($"the pipeline '{name}': {e.Message}");
            }
        }
    }

    [Fact]
    public void Boston_pipelines_export()
    {
        var data = _ml.Data.LoadFromTextFile<House>(Options.DataFile("boston_house_prices.csv"), separatorChar: ',', hasHeader: true);
        CompareAll(BostonSample.Pipelines(_ml, epochs: 2), data, "Score");
    }

    [Fact]
    public void Breast_cancer_pipelines_export()
    {
        var data = _ml.Data.LoadFromEnumerable(Tumor.Load(_ml, Options.DataFile("breast_cancer.csv")));
        CompareAll(BreastCancerSample.Pipelines(_ml, epochs: 2), data, "Score", "Probability", "PredictedLabel");
    }

    [Fact]
    public void Wine_pipelines_export_the_key_label_and_its_number()
    {
        var data = _ml.Data.LoadFromTextFile<Wine>(Options.DataFile("wine.csv"), ',', hasHeader: true);
        CompareAll(WineSample.Pipelines(_ml, epochs: 2), data, "Score", "PredictedLabel", "Number");
    }

    [Fact]
    public void Save_load_pipeline_exports_with_the_species_name_mapped_back()
    {
        var data = _ml.Data.LoadFromTextFile<SaveLoadSample.Flower>(Options.DataFile("iris.csv"), ',', hasHeader: true);
        CompareAll([("iris", SaveLoadSample.Pipeline(_ml, epochs: 2))], data, "Score", "PredictedLabel", "PredictedSpecies");
    }

    [Fact]
    public void Fashion_mnist_networks_export()
    {
        var images = _ml.Data.LoadFromEnumerable(FashionMnist.Load(FashionMnist.DefaultFolder, train: false, limit: 200));
        var pipelines = FashionMnistSample.Networks(quick: true)
            .Select(n => (n.Name, (IEstimator<ITransformer>)FashionMnistSample.Flatten(_ml).Append(FashionMnistSample.Trainer(_ml, n.Options)))).ToList();
        CompareAll(pipelines, images, "Score", "PredictedLabel");
    }
}
