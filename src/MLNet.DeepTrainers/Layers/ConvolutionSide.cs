namespace MLNet.DeepTrainers;

/// <summary>Keras's rules for one side of a convolution: its output size and its padding, for Conv1D and Conv2D alike.</summary>
internal static class ConvolutionSide
{
    // Sizes in long: a stride or kernel near int.MaxValue must not wrap around.
    public static int Size(int size, int kernel, int strides, Padding padding)
    {
        if (padding == Padding.Same)
            return (int)(((long)size + strides - 1) / strides);
        if (size < kernel)
            throw new ArgumentException($"a kernel of {kernel} does not fit a side of {size} without padding; use Padding.Same or a smaller kernel.");
        return (size - kernel) / strides + 1;
    }

    /// <summary>Keras's "same": the total padding needed, with the odd one at the end.</summary>
    public static (long Before, long After) Pad(int size, int kernel, int strides, Padding padding)
    {
        if (padding == Padding.Valid)
            return (0, 0);
        long total = Math.Max((Size(size, kernel, strides, padding) - 1L) * strides + kernel - size, 0);
        return (total / 2, total - total / 2);
    }
}
