namespace MLNet.DeepTrainers.Data;

/// <summary>A split of one data view into a training part and a test part.</summary>
public sealed class TrainTestData
{
    internal TrainTestData(IDataView trainSet, IDataView testSet)
    {
        TrainSet = trainSet;
        TestSet = testSet;
    }

    /// <summary>The rows to train on.</summary>
    public IDataView TrainSet { get; }

    /// <summary>The rows held out for testing.</summary>
    public IDataView TestSet { get; }
}
