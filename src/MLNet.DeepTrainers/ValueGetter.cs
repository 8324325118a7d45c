namespace MLNet.DeepTrainers;

/// <summary>
/// Reads the current row's value of one column into <paramref name="value"/>. For vectors the array
/// passed in is reused when it has the right size, so a loop over rows allocates nothing.
/// </summary>
public delegate void ValueGetter<TValue>(ref TValue value);
