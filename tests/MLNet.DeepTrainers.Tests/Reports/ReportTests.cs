using System.Globalization;
using System.Xml.Linq;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Reports;

namespace MLNet.DeepTrainers.Tests.Reports;

public class ReportTests
{
    private readonly MLContext _ml = new(seed: 1);

    private TrainingHistory History()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 80).Select(i => new LabeledVector { Features = [i / 80f, i % 3, 1], Label = i / 40f }).ToList());
        return _ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [8], Epochs = 4, ValidationFraction = 0.25 }).Fit(data).Model.History;
    }

    [Fact]
    public void A_history_saves_as_csv_with_one_row_per_epoch()
    {
        var history = History();
        string path = Path.Combine(TestFiles.ScratchFolder(), "history.csv");
        history.SaveCsv(path);
        var lines = File.ReadAllLines(path);

        Assert.Equal("epoch,loss,val_loss,mae,val_mae,learning_rate,seconds", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal(history.Epochs[2].TrainLoss, double.Parse(lines[3].Split(',')[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_history_plot_has_labelled_axes_a_legend_and_both_curves()
    {
        string path = Path.Combine(TestFiles.ScratchFolder(), "history.svg");
        History().SaveSvg(path, "Boston MLP");
        var svg = XDocument.Load(path);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

        Assert.Contains("Boston MLP: loss", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("loss", texts);
        Assert.Contains("training loss", texts);
        Assert.Contains("validation loss", texts);
        Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "polyline"));
    }

    [Fact]
    public void A_comparison_reports_mean_and_standard_deviation_per_pipeline()
    {
        // Hand computed: mean of 1, 2, 3 is 2 and its sample standard deviation is 1.
        var comparison = new CrossValidationComparison("MAE").Add("a", [1, 2, 3]).Add("b \"quoted\"", [4, 4, 4]);
        Assert.Contains("2.0000 ± 1.0000", comparison.ToString());
        Assert.Contains("4.0000 ± 0.0000", comparison.ToString());

        string folder = TestFiles.ScratchFolder();
        comparison.SaveCsv(Path.Combine(folder, "cv.csv"));
        Assert.Equal(["pipeline,fold,MAE", "\"a\",0,1", "\"a\",1,2", "\"a\",2,3", "\"b \"\"quoted\"\"\",0,4", "\"b \"\"quoted\"\"\",1,4", "\"b \"\"quoted\"\"\",2,4"], File.ReadAllLines(Path.Combine(folder, "cv.csv")));

        comparison.SaveSvg(Path.Combine(folder, "cv.svg"));
        var texts = XDocument.Load(Path.Combine(folder, "cv.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("b \"quoted\"", texts);
        Assert.Contains("2 ± 1", texts);
        Assert.Contains("pipeline", texts);
        Assert.Contains("MAE", texts);
    }

    [Fact]
    public void A_loss_falling_by_orders_of_magnitude_is_plotted_on_a_log_scale()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 80).Select(i => new LabeledVector { Features = [i / 80f, i % 3, 1], Label = 100 + i }).ToList());
        var history = _ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [16], Epochs = 30, Optimizer = new Adam(0.05) }).Fit(data).Model.History;
        Assert.True(history.Epochs[0].TrainLoss > 30 * history.Epochs[^1].TrainLoss);
        string path = Path.Combine(TestFiles.ScratchFolder(), "log.svg");
        history.SaveSvg(path);
        var texts = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("loss (log scale)", texts);
        Assert.Contains("1,000", texts);
    }

    [Theory]
    [InlineData(0, 9.3, 0, 10, 2)]
    [InlineData(0.12, 0.57, 0.1, 0.6, 0.1)]
    [InlineData(2.5, 2.5, 1.5, 3.5, 0.5)] // a flat series gets a range of ±1 around it
    public void Axes_get_round_ticks(double low, double high, double niceLow, double niceHigh, double step)
    {
        var (l, h, s) = SvgChart.NiceRange(low, high);
        Assert.Equal(niceLow, l, 9);
        Assert.Equal(niceHigh, h, 9);
        Assert.Equal(step, s, 9);
    }
}
