namespace MLNet.DeepTrainers;

/// <summary>
/// The data a fitted model's <c>Transform</c> returns: the input's columns and the task's, scored in
/// batches. A cursor that reads a task column runs two cursors over the input in step: one ahead,
/// which gathers the features of the next batch and scores them in one forward pass, and one at the
/// current row, which serves the input's columns. Nothing is scored until a cursor asks.
/// </summary>
internal sealed class ScoredDataView(DeepPredictionTransformer transformer, IDataView input, DataViewSchema schema) : IDataView
{
    // Enough rows to amortise a forward pass, without a large buffer for wide inputs.
    private const int BatchValues = 1 << 20;

    public bool CanShuffle => false;

    /// <summary>The input's columns come first in the schema; the task's follow.</summary>
    private int InputColumnCount => input.Schema.Count;

    private PredictionColumns Columns => transformer.Columns;

    public DataViewSchema Schema => schema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = columnsNeeded.Select(c => c.Index).ToHashSet();
        var inputColumns = active.Where(i => i < input.Schema.Count).Select(i => input.Schema[i]).ToList();
        if (!active.Any(i => i >= input.Schema.Count))
            return new Cursor(this, input.GetRowCursor(inputColumns), null, active);
        var features = transformer.CheckFeatures(input.Schema);
        var current = input.GetRowCursor(inputColumns);
        var ahead = input.GetRowCursor([features]);
        return new Cursor(this, current, new Scorer(transformer, ahead, features), active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Scores the rows of a cursor that runs ahead, a batch at a time, and hands out each row's outputs in order.</summary>
    private sealed class Scorer : IDisposable
    {
        private readonly DeepPredictionTransformer _transformer;
        private readonly DataViewRowCursor _ahead;
        private readonly FeatureRowReader _read;
        private readonly float[] _features;
        private readonly float[] _outputs;
        private readonly int _capacity;
        private int _rows;
        private int _next;

        public Scorer(DeepPredictionTransformer transformer, DataViewRowCursor ahead, DataViewSchema.Column features)
        {
            _transformer = transformer;
            _ahead = ahead;
            var model = transformer.Model;
            _capacity = Math.Clamp(BatchValues / Math.Max(model.InputSize, 1), 1, 4096);
            _features = new float[_capacity * model.InputSize];
            _outputs = new float[_capacity * model.OutputWidth];
            _read = new FeatureRowReader(ahead, features, transformer.Features, null);
        }

        /// <summary>Moves to the next row's outputs, scoring the next batch when the current one is used up.</summary>
        public void Advance()
        {
            if (++_next < _rows)
                return;
            int width = _transformer.Model.InputSize;
            _rows = 0;
            while (_rows < _capacity && _ahead.MoveNext())
            {
                _read.Read().CopyTo(_features.AsSpan(_rows * width, width));
                _rows++;
            }
            if (_rows == 0)
                throw new InvalidOperationException("The data gave fewer rows to score than it gave to read: an IDataView must give the same rows to every cursor.");
            _transformer.Model.Predict(_features.AsSpan(0, _rows * width), _rows, _outputs);
            _next = 0;
        }

        public ReadOnlyMemory<float> Current
        {
            get
            {
                int width = _transformer.Model.OutputWidth;
                return _outputs.AsMemory(_next * width, width);
            }
        }

        public void Dispose() => _ahead.Dispose();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ScoredDataView _view;
        private readonly DataViewRowCursor _current;
        private readonly Scorer? _scorer;
        private readonly HashSet<int> _active;

        public Cursor(ScoredDataView view, DataViewRowCursor current, Scorer? scorer, HashSet<int> active)
        {
            _view = view;
            _current = current;
            _scorer = scorer;
            _active = active;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _current.Position;

        public override long Batch => _current.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _current.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (!_current.MoveNext())
                return false;
            _scorer?.Advance();
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int inputColumns = _view.InputColumnCount;
            if (column.Index < inputColumns)
                return _current.GetGetter<TValue>(_current.Schema[column.Index]);
            if (_scorer is null || !_active.Contains(column.Index))
                throw new InvalidOperationException($"The column '{column.Name}' was not asked for when this cursor was made.");
            var scorer = _scorer;
            return _view.Columns.Getter(column.Index - inputColumns, () => scorer.Current) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"The column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _current.Dispose();
                _scorer?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
