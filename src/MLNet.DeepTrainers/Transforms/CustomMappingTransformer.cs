using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// Runs a user's mapping on each row, as ML.NET's CustomMapping: the input columns fill a
/// <typeparamref name="TSrc"/> (by member name, as <c>CreateEnumerable</c> does), the mapping fills a fresh
/// <typeparamref name="TDst"/>, and each member of that becomes an output column. It saves only with a
/// contract name, and loads only where a factory for that contract is registered.
/// </summary>
public sealed class CustomMappingTransformer<TSrc, TDst> : RowToRowTransformerBase
    where TSrc : class, new()
    where TDst : class, new()
{
    private readonly Action<TSrc, TDst> _mapAction;
    private readonly string? _contractName;
    // One mapped row per cursor, shared by the output columns' getters.
    private readonly ConditionalWeakTable<DataViewRowCursor, MappedRow> _rows = [];

    internal CustomMappingTransformer(Action<TSrc, TDst> mapAction, string? contractName)
    {
        ArgumentNullException.ThrowIfNull(mapAction);
        _mapAction = mapAction;
        _contractName = contractName;
    }

    private protected override string StageKind => CustomMapping.Kind;

    private protected override void Save(StageWriter writer) =>
        writer.Set("contractName", _contractName ?? throw new InvalidOperationException(
            $"CustomMapping<{typeof(TSrc).Name}, {typeof(TDst).Name}> has no contract name, so it cannot be saved: pass contractName to CustomMapping and write a CustomMappingFactory marked with it (ML.NET's CustomMappingSaveAndLoad sample shows how)."));

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        RowWriter<TSrc>.Check(input, ignoreMissingColumns: false);
        return RowTypeMap<TDst>.Instance.Members.Select(member => new OutputColumn(member.ColumnName, member.ColumnType(),
            cursor => (Delegate)typeof(CustomMappingTransformer<TSrc, TDst>).GetMethod(nameof(Getter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(member.ClrType).Invoke(this, [cursor, member])!)).ToList();
    }

    private ValueGetter<TValue> Getter<TValue>(DataViewRowCursor cursor, RowTypeMap<TDst>.Member member)
    {
        var row = _rows.GetValue(cursor, c => new MappedRow(c, _mapAction));
        var read = member.Reader<TValue>();
        return (ref TValue value) => value = read(row.Current());
    }

    private sealed class MappedRow(DataViewRowCursor cursor, Action<TSrc, TDst> mapAction)
    {
        private readonly RowWriter<TSrc> _source = new(cursor, ignoreMissingColumns: false);
        private readonly TSrc _input = new();
        private TDst _output = new();
        private long _position = -1;

        public TDst Current()
        {
            if (cursor.Position != _position)
            {
                _source.Write(_input, reuseArrays: false);
                _output = new TDst();
                mapAction(_input, _output);
                _position = cursor.Position;
            }
            return _output;
        }
    }
}

/// <summary>The stage kind of every custom mapping, and its loader: the contract name leads to a registered factory.</summary>
internal static class CustomMapping
{
    public const string Kind = "CustomMapping";

    public static ITransformer Load(StageReader reader)
    {
        string contract = reader.Get<string>("contractName");
        var factory = reader.Components?.FindCustomMappingFactory(contract)
            ?? throw reader.Corrupt($"its custom mapping contract '{contract}' has no factory here: mark a CustomMappingFactory with [CustomMappingFactoryAttribute(\"{contract}\")] and call ml.ComponentCatalog.RegisterAssembly(typeof(ThatFactory).Assembly) before loading");
        if (!typeof(ICustomMappingFactory).IsAssignableFrom(factory) || factory.IsAbstract || factory.GetConstructor(Type.EmptyTypes) is null)
            throw reader.Corrupt($"the class {factory.Name} marked for contract '{contract}' is not a CustomMappingFactory with a parameterless constructor");
        return ((ICustomMappingFactory)Activator.CreateInstance(factory, nonPublic: true)!).CreateTransformer(contract);
    }
}
