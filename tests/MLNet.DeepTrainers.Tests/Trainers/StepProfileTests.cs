namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// MLNET_DEEPTRAINERS_PROFILE=1 makes a fit log where a step's time goes, counting every step; without
/// it nothing is logged. Alone, since the environment is the whole process's.
/// </summary>
[Collection(Alone.Name)]
public sealed class StepProfileTests
{
    private static List<string> Profiles(bool enabled)
    {
        var ml = new MLContext(seed: 1);
        var lines = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.RawMessage.StartsWith("step profile", StringComparison.Ordinal))
                lines.Add(e.RawMessage);
        };
        var data = Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));
        Environment.SetEnvironmentVariable("MLNET_DEEPTRAINERS_PROFILE", enabled ? "1" : null);
        try
        {
            _ = ml.Regression.Trainers.Mlp(new MlpOptions { LabelColumnName = "MEDV", Epochs = 2, BatchSize = 100 }).Fit(data).Model;
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLNET_DEEPTRAINERS_PROFILE", null);
        }
        return lines;
    }

    [Fact]
    public void The_profile_counts_every_step_and_names_every_phase()
    {
        // 506 rows in batches of 100: 6 steps an epoch.
        string profile = Assert.Single(Profiles(enabled: true));
        Assert.StartsWith("step profile over 12 steps", profile);
        foreach (string phase in new[] { "batch", "forward", "loss", "backward", "update", "sums", "total" })
            Assert.Matches($@"{phase} \d+\.\d", profile);
        Assert.Empty(Profiles(enabled: false));
    }
}
