namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// Which stop words FeaturizeText removes, as in ML.NET: <see cref="StopWordsRemovingEstimator.Options"/>
/// (a language's list) or <see cref="CustomStopWordsRemovingEstimator.Options"/> (the user's words).
/// </summary>
public interface IStopWordsRemoverOptions
{
}
