namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A delimited text file read as rows of <typeparamref name="TRow"/>'s columns. Each cursor streams
/// the file from disk, so a file larger than memory can be transformed and scored.
/// </summary>
internal sealed class TextLoaderView<TRow> : IDataView where TRow : class
{
    private readonly string _path;
    private readonly TextLoaderOptions _options;
    private readonly (int Start, int End)[] _fields;

    public TextLoaderView(string path, TextLoaderOptions options)
    {
        _path = path;
        _options = options;
        var members = RowTypeMap<TRow>.Instance.Members;
        foreach (var m in members.Where(m => m.Load is null))
            throw new InvalidOperationException($"Member '{m.Name}' of {typeof(TRow).Name} has no [LoadColumn(index)]: say which field of the file fills it, or mark it [NoColumn].");
        _fields = members.Select(m => (m.Load!.Start, m.Load.End)).ToArray();
        Schema = RowTypeMap<TRow>.Instance.Schema(m => m.ClrType == typeof(float[])
            ? m.ColumnType(m.Load!.End - m.Load.Start + 1)
            : m.Load!.End == m.Load.Start ? m.ColumnType() : throw new InvalidOperationException(
                $"Member '{m.Name}' of {typeof(TRow).Name} reads fields {m.Load.Start} to {m.Load.End}; a range needs a float[] member."));
        if (!File.Exists(path))
            throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly TextLoaderView<TRow> _view;
        private readonly StreamReader _reader;
        private readonly TextFieldSplitter _splitter;
        private readonly int _fieldsNeeded;
        private long _position = -1;
        private int _lineNumber;

        public Cursor(TextLoaderView<TRow> view)
        {
            _view = view;
            _reader = new StreamReader(view._path);
            _splitter = new TextFieldSplitter(view._options);
            _fieldsNeeded = view._fields.Length == 0 ? 0 : view._fields.Max(f => f.End) + 1;
            if (view._options.HasHeader && _reader.ReadLine() is not null)
                _lineNumber = 1;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            string? line;
            do
            {
                line = _reader.ReadLine();
                if (line is null)
                    return false;
                _lineNumber++;
            }
            while (string.IsNullOrWhiteSpace(line));
            if (_splitter.Split(line) is string error)
                throw Error($"has {error}");
            if (_splitter.Count < _fieldsNeeded)
                throw Error($"has {_splitter.Count} fields; the columns of {typeof(TRow).Name} need {_fieldsNeeded} (field indices 0 to {_fieldsNeeded - 1}). Check the separator character ('{_view._options.Separator}').");
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (ValueViews.Getter<TValue>(this, column) is { } asView)
                return asView;
            var (start, end) = _view._fields[column.Index];
            if (column.Type is VectorDataViewType)
                return (ValueGetter<TValue>)(object)VectorGetter(column.Name, start, end);
            return (ref TValue value) =>
            {
                if (!ValueParser.TryParse(_splitter[start], out value))
                    throw BadValue(column, start, $"{column.Type}");
            };
        }

        private ValueGetter<float[]> VectorGetter(string name, int start, int end) => (ref float[] value) =>
        {
            int size = end - start + 1;
            if (value is null || value.Length != size)
                value = new float[size];
            for (int f = start; f <= end; f++)
            {
                if (!ValueParser.TryParse(_splitter[f], out value[f - start]))
                    throw BadValue(_view.Schema[name], f, "Single");
            }
        };

        private FormatException BadValue(DataViewSchema.Column column, int field, string type) =>
            Error($"field {field} (column '{column.Name}') is '{_splitter[field].ToString()}', which is not a {type} value. Fix the file, or declare the member as string and convert it in the pipeline.");

        private FormatException Error(string what) => new($"{_view._path}, line {_lineNumber}: {what}");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _reader.Dispose();
        }
    }
}
