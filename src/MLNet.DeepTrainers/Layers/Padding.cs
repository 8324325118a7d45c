namespace MLNet.DeepTrainers;

/// <summary>How a convolution treats the borders (Keras's names).</summary>
public enum Padding
{
    /// <summary>No padding: the output shrinks by kernel size - 1.</summary>
    Valid,
    /// <summary>Zero padding so the output is ceil(input / stride); an odd extra row or column goes at the bottom or right, as in Keras.</summary>
    Same,
}
