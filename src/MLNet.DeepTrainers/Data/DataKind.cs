namespace MLNet.DeepTrainers.Data;

/// <summary>The scalar types <c>ConvertType</c> converts to (ML.NET's values for the kinds supported here).</summary>
public enum DataKind : byte
{
    /// <summary>32-bit signed integer.</summary>
    Int32 = 5,
    /// <summary>32-bit unsigned integer.</summary>
    UInt32 = 6,
    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,
    /// <summary>32-bit floating point.</summary>
    Single = 9,
    /// <summary>64-bit floating point.</summary>
    Double = 10,
    /// <summary>Text.</summary>
    String = 11,
    /// <summary>true or false.</summary>
    Boolean = 12,
    /// <summary>A duration.</summary>
    TimeSpan = 13,
    /// <summary>A point in time.</summary>
    DateTime = 14,
    /// <summary>A point in time with its offset from UTC.</summary>
    DateTimeOffset = 15,
}
