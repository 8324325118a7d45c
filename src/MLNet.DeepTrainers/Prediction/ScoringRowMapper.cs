namespace MLNet.DeepTrainers;

/// <summary>Maps one row at a time (ML.NET's PredictionEngine): the features of the row, one forward pass, the task's columns.</summary>
internal sealed class ScoringRowMapper(DeepPredictionTransformer transformer, DataViewSchema inputSchema, DataViewSchema outputSchema) : IRowToRowMapper
{
    public DataViewSchema InputSchema => inputSchema;

    public DataViewSchema OutputSchema => outputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = dependingColumns.Where(c => c.Index < inputSchema.Count).Select(c => inputSchema[c.Index]).ToList();
        if (dependingColumns.Any(c => c.Index >= inputSchema.Count))
            needed.Add(transformer.CheckFeatures(inputSchema));
        return needed.DistinctBy(c => c.Index);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new Row(transformer, input, outputSchema, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class Row : DataViewRow
    {
        private readonly DeepPredictionTransformer _transformer;
        private readonly DataViewRow _input;
        private readonly DataViewSchema _schema;
        private readonly HashSet<int> _active;
        private readonly FeatureRowReader? _readFeatures;
        private readonly float[] _features;
        private readonly float[] _outputs;
        private long _scoredPosition = -1;

        public Row(DeepPredictionTransformer transformer, DataViewRow input, DataViewSchema schema, HashSet<int> active)
        {
            _transformer = transformer;
            _input = input;
            _schema = schema;
            _active = active;
            var model = transformer.Model;
            _features = new float[model.InputSize];
            _outputs = new float[model.OutputWidth];
            if (active.Any(i => i >= input.Schema.Count))
                _readFeatures = new FeatureRowReader(input, transformer.CheckFeatures(input.Schema), transformer.Features, null);
        }

        public override DataViewSchema Schema => _schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < _input.Schema.Count)
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            if (!_active.Contains(column.Index))
                throw new InvalidOperationException($"The column '{column.Name}' was not asked for when this row was made.");
            return _transformer.Columns.Getter(column.Index - _input.Schema.Count, Outputs) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"The column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private ReadOnlyMemory<float> Outputs()
        {
            if (_scoredPosition != _input.Position)
            {
                _readFeatures!.Read().CopyTo(_features);
                _transformer.Model.Predict(_features, 1, _outputs);
                _scoredPosition = _input.Position;
            }
            return _outputs;
        }
    }
}
