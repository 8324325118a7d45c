using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests;

/// <summary>Row classes shared by the tests.</summary>
public sealed class Point
{
    public float X { get; set; }
    public float Y { get; set; }
    public string Category { get; set; } = "";
}

public sealed class VectorRow
{
    [VectorType(2)] public float[] Features { get; set; } = [];
}

public sealed class LabeledVector
{
    public float Label { get; set; }
    [VectorType(3)] public float[] Features { get; set; } = [];
}

public sealed class AllTypes
{
    public float Single { get; set; }
    public double Double { get; set; }
    public int Int32 { get; set; }
    public long Int64 { get; set; }
    public bool Boolean { get; set; }
    public string Text { get; set; } = "";
    [KeyType(4)] public uint Key { get; set; }
    [VectorType(3)] public float[] Vector { get; set; } = [];
    [ColumnName("Renamed")] public float Original { get; set; }
    [NoColumn] public float Ignored { get; set; }
}

/// <summary>A scored row: the Score column a trained pipeline adds.</summary>
public sealed class ScoredRow
{
    public float Score { get; set; }
}
