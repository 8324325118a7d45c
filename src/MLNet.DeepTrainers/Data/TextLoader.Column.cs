namespace MLNet.DeepTrainers.Data;

public sealed partial class TextLoader
{
    /// <summary>A column of the loaded view and the fields of each line that fill it (ML.NET's <c>TextLoader.Column</c>).</summary>
    public sealed class Column
    {
        /// <summary>An empty column to fill in (kind Single, as ML.NET's).</summary>
        public Column() { }

        /// <summary>A scalar column from field <paramref name="index"/>.</summary>
        public Column(string name, DataKind dataKind, int index) : this(name, dataKind, [new Range(index)]) { }

        /// <summary>A vector column from the fields <paramref name="minIndex"/> to <paramref name="maxIndex"/>, both included.</summary>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex) : this(name, dataKind, [new Range(minIndex, maxIndex)]) { }

        /// <summary>A column from the fields of <paramref name="source"/>: a vector unless it is one single-field range.</summary>
        public Column(string name, DataKind dataKind, Range[] source)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            DataKind = dataKind;
            Source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>The column's name.</summary>
        public string Name { get; set; } = "";

        /// <summary>The type of the column's items.</summary>
        public DataKind DataKind { get; set; } = DataKind.Single;

        /// <summary>The fields that fill the column, in order.</summary>
        public Range[] Source { get; set; } = [];
    }
}
