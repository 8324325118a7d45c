namespace MLNet.DeepTrainers.Data;

public sealed partial class TextLoader
{
    /// <summary>Which fields of a line fill a column (ML.NET's <c>TextLoader.Range</c>); indices start at 0.</summary>
    public sealed class Range
    {
        /// <summary>An empty range to fill in.</summary>
        public Range() { }

        /// <summary>One field: a scalar column.</summary>
        public Range(int index)
        {
            Min = CheckIndex(index, nameof(index));
            Max = index;
        }

        /// <summary>
        /// The fields <paramref name="min"/> to <paramref name="max"/>, both included, as a vector; a
        /// null <paramref name="max"/> reads to the end of the line, its width taken from the data sample.
        /// </summary>
        public Range(int min, int? max)
        {
            Min = CheckIndex(min, nameof(min));
            if (max < min)
                throw new ArgumentOutOfRangeException(nameof(max), max, $"A range's last field ({max}) cannot come before its first ({min}).");
            Max = max;
            ForceVector = true;
            AutoEnd = max is null;
        }

        /// <summary>The first field.</summary>
        public int Min { get; set; }

        /// <summary>The last field, included; null reads to the end of the line (see <see cref="AutoEnd"/> and <see cref="VariableEnd"/>).</summary>
        public int? Max { get; set; }

        /// <summary>Without <see cref="Max"/>: to the end of the line, the same width on every line (taken from the data sample).</summary>
        public bool AutoEnd { get; set; }

        /// <summary>Without <see cref="Max"/> or <see cref="AutoEnd"/>: to the end of each line, so the width varies by line.</summary>
        public bool VariableEnd { get; set; }

        /// <summary>A single field read as a vector of one.</summary>
        public bool ForceVector { get; set; }

        private static int CheckIndex(int index, string name) =>
            index >= 0 ? index : throw new ArgumentOutOfRangeException(name, index, "A field index cannot be negative.");
    }
}
