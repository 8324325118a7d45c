using MLNet.DeepTrainers.Trainers.FastTree;

namespace MLNet.DeepTrainers.Tests.Trainers.Trees;

/// <summary>
/// ML.NET's five early-stopping rules on score sequences worked by hand from their definitions in
/// ML.NET's EarlyStoppingCriteria (lower is better; a tie counts as best).
/// </summary>
public class EarlyStoppingRuleTests
{
    private static (bool Stop, bool Best)[] Run(EarlyStoppingRuleBase rule, params (float Validation, float Training)[] scores) =>
        scores.Select(s => (rule.CheckScore(s.Validation, s.Training, out bool best), best)).ToArray();

    [Fact]
    public void Tolerant_stops_once_the_validation_score_is_more_than_the_threshold_above_its_best()
    {
        // Best 0.8 after the second round: 0.85 is 0.05 above it, 0.95 is 0.15 > 0.1 above it.
        var steps = Run(new TolerantEarlyStoppingRule(0.1f), (1.0f, 0), (0.8f, 0), (0.85f, 0), (0.95f, 0));
        Assert.Equal([(false, true), (false, true), (false, false), (true, false)], steps);
    }

    [Fact]
    public void Generality_loss_stops_once_the_validation_score_is_more_than_threshold_times_its_best_above_it()
    {
        // Best 0.5: the bound is 1.1 × 0.5 = 0.55; 0.54 stays under it, 0.56 passes it.
        var steps = Run(new GeneralityLossRule(0.1f), (1.0f, 0), (0.5f, 0), (0.54f, 0), (0.56f, 0));
        Assert.Equal([(false, true), (false, true), (false, false), (true, false)], steps);
    }

    [Fact]
    public void Low_progress_stops_when_the_recent_training_scores_average_within_the_threshold_of_their_best()
    {
        // Window 3. Training 10, 5, 4: mean 6.33 > 1.1 × 4; then 5, 4, 3.9: mean 4.3 > 1.1 × 3.9 = 4.29;
        // then 4, 3.9, 3.85: mean 3.917 ≤ 1.1 × 3.85 = 4.235, so it stops. The validation scores only pick the best.
        var steps = Run(new LowProgressRule(0.1f, windowSize: 3), (1, 10), (2, 5), (3, 4), (0.5f, 3.9f), (4, 3.85f));
        Assert.Equal([(false, true), (false, false), (false, false), (false, true), (true, false)], steps);
    }

    [Fact]
    public void Generality_to_progress_ratio_stops_when_validation_loss_outgrows_training_progress()
    {
        // Window 2. Round 2: training window (2, 1), best 1, mean 1.5; 0.5 × 1 < 1.1 × 0.5 × 1.5 = 0.825.
        // Round 3: window (1, 0.9), best 0.9, mean 0.95; 0.6 × 0.9 = 0.54 ≥ 1.1 × 0.5 × 0.95 = 0.5225.
        var steps = Run(new GeneralityToProgressRatioRule(0.1f, windowSize: 2), (1.0f, 2), (0.5f, 1), (0.6f, 0.9f));
        Assert.Equal([(false, true), (false, true), (true, false)], steps);
    }

    [Fact]
    public void Consecutive_generality_loss_counts_rounds_in_a_row_that_do_not_improve_on_the_one_before()
    {
        // A repeat counts as no improvement (and as a best, being a tie); an improvement resets the count.
        var steps = Run(new ConsecutiveGeneralityLossRule(windowSize: 2), (1.0f, 0), (0.9f, 0), (0.9f, 0), (0.8f, 0), (0.85f, 0), (0.9f, 0));
        Assert.Equal([(false, true), (false, true), (false, true), (false, true), (false, false), (true, false)], steps);
    }

    [Fact]
    public void Defaults_are_ML_NETs()
    {
        Assert.Equal(0.01f, new TolerantEarlyStoppingRule().Threshold);
        Assert.Equal(0.01f, new GeneralityLossRule().Threshold);
        Assert.Equal((0.01f, 5), (new LowProgressRule().Threshold, new LowProgressRule().WindowSize));
        Assert.Equal((0.01f, 5), (new GeneralityToProgressRatioRule().Threshold, new GeneralityToProgressRatioRule().WindowSize));
        Assert.Equal(5, new ConsecutiveGeneralityLossRule().WindowSize);
    }

    [Fact]
    public void Out_of_range_settings_and_scores_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TolerantEarlyStoppingRule(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TolerantEarlyStoppingRule(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralityLossRule(1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LowProgressRule(windowSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralityToProgressRatioRule(threshold: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsecutiveGeneralityLossRule(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralityLossRule().CheckScore(float.NaN, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralityLossRule().CheckScore(0, -1, out _));
    }
}
