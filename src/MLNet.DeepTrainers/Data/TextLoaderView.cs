using System.Reflection;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// Delimited text files read as rows of <see cref="TextColumn"/>s. Each cursor streams the files from
/// disk, one after the other, so data larger than memory can be transformed and scored.
/// </summary>
internal sealed class TextLoaderView : IDataView
{
    private readonly IMultiStreamSource _source;
    private readonly TextFormat _format;
    private readonly TextColumn[] _columns;
    private readonly string _rowsOf;

    // rowsOf: what the columns come from, for messages ("the columns of House", "the loader's columns").
    public TextLoaderView(IMultiStreamSource source, TextFormat format, TextColumn[] columns, DataViewSchema schema, string rowsOf)
    {
        _source = source;
        _format = format;
        _columns = columns;
        _rowsOf = rowsOf;
        Schema = schema;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private static bool IsReal(DataViewType item) => item.RawType == typeof(float) || item.RawType == typeof(double);

    private sealed class Cursor : DataViewRowCursor
    {
        private static readonly MethodInfo MakeVectorGetter = typeof(Cursor).GetMethod(nameof(VectorGetter), BindingFlags.NonPublic | BindingFlags.Instance)!;
        private static readonly MethodInfo MakeSparseGetter = typeof(Cursor).GetMethod(nameof(SparseGetter), BindingFlags.NonPublic | BindingFlags.Instance)!;
        private readonly TextLoaderView _view;
        private readonly TextFieldSplitter _splitter;
        // The fields a line must have: every column's, except a real column's when missing reals are NaN.
        private readonly int _fieldsNeeded;
        private TextLineReader? _reader;
        private int _file = -1;
        private long _position = -1;

        public Cursor(TextLoaderView view)
        {
            _view = view;
            _splitter = new TextFieldSplitter(view._format);
            _fieldsNeeded = view._columns.Where(c => !(view._format.MissingRealsAsNaNs && IsReal(c.Type.ItemType()!))).Select(c => c.FieldsNeeded).DefaultIfEmpty(0).Max();
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        private string Where => $"{_view._source.GetPathOrNull(_file) ?? $"source {_file}"}, line {_reader?.LineNumber}";

        public override bool MoveNext()
        {
            while (true)
            {
                if (_reader?.Next() is string line)
                {
                    if (_splitter.Split(line) is string error)
                        throw Error($"has {error}");
                    if (_splitter.Count < _fieldsNeeded)
                        throw Error($"has {_splitter.Count} fields; {_view._rowsOf} need {_fieldsNeeded} (field indices 0 to {_fieldsNeeded - 1}). Check the separator character{(_view._format.Separators.Length > 1 ? "s" : "")} ({string.Join(", ", _view._format.Separators.Select(s => $"'{TextFormat.SeparatorName(s)}'"))}).");
                    _position++;
                    return true;
                }
                _reader?.Dispose();
                _reader = null;
                if (++_file >= _view._source.Count)
                    return false;
                _reader = new TextLineReader(_view._source.OpenTextReader(_file), _view._format.HasHeader);
            }
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var source = _view._columns[column.Index];
            // With sparse lines allowed, a VBuffer reader gets the fields the line gives (a sparse
            // line's entries, not the defaults between them), so a wide vector written sparsely stays
            // small all the way to a trainer.
            if (_view._format.AllowSparse && ValueViews.IsVBufferOf(column.Type, typeof(TValue)))
                return (ValueGetter<TValue>)MakeSparseGetter.MakeGenericMethod(column.Type.ItemType()!.RawType).Invoke(this, [source])!;
            if (ValueViews.Getter<TValue>(this, column) is { } asView)
                return asView;
            if (column.Type is VectorDataViewType)
                return (ValueGetter<TValue>)MakeVectorGetter.MakeGenericMethod(typeof(TValue).GetElementType()!).Invoke(this, [source])!;
            int field = source.Segments[0].Min;
            return (ref TValue value) => value = Read<TValue>(source, field);
        }

        private ValueGetter<TItem[]> VectorGetter<TItem>(TextColumn column) => (ref TItem[] value) =>
        {
            int width = Width(column);
            if (value is null || value.Length != width)
                value = new TItem[width];
            int slot = 0;
            foreach (var segment in column.Segments)
            {
                int lim = segment.Lim ?? Math.Max(_splitter.Count, segment.Min);
                for (int field = segment.Min; field < lim; field++)
                    value[slot++] = Read<TItem>(column, field);
            }
        };

        private ValueGetter<VBuffer<TItem>> SparseGetter<TItem>(TextColumn column) => (ref VBuffer<TItem> value) =>
        {
            int width = Width(column);
            var slots = new List<int>();
            var items = new List<TItem>();
            int start = 0;
            foreach (var segment in column.Segments)
            {
                int lim = segment.Lim ?? Math.Max(_splitter.Count, segment.Min);
                foreach (int field in _splitter.FieldsGiven(segment.Min, lim))
                {
                    slots.Add(start + field - segment.Min);
                    items.Add(Read<TItem>(column, field));
                }
                start += lim - segment.Min;
            }
            value = new VBuffer<TItem>(width, items.Count, [.. items], [.. slots]);
        };

        private int Width(TextColumn column)
        {
            int width = column.Width(_splitter.Count);
            return width <= TextFormat.MaximumFields ? width
                : throw Error($"gives column '{column.Name}' {width} values, more than the {TextFormat.MaximumFields} a vector may read.");
        }

        private T Read<T>(TextColumn column, int field)
        {
            if (field >= _splitter.Count)
            {
                // Only a real column gets here (MoveNext refused the line otherwise): NaN, as asked.
                return ValueParser.TryParse(ReadOnlySpan<char>.Empty, out T missing) ? missing : throw Error($"has no field {field} for column '{column.Name}'.");
            }
            if (!_splitter.TryGet(field, out var text))
                return default!;
            if (!ValueParser.TryParse(text, out T value))
                throw Error($"field {field} (column '{column.Name}') is '{text.ToString()}', which is not a {column.Type.ItemType()} value. Fix the file, or read the column as text and convert it in the pipeline.");
            return value;
        }

        private FormatException Error(string what) => new($"{Where}: {what}");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _reader?.Dispose();
        }
    }
}
