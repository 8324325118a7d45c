using System.Linq.Expressions;
using System.Reflection;

namespace MLNet.DeepTrainers.Data;

/// <summary>
/// How a user's row class maps onto columns: one entry per public field or property not marked
/// [NoColumn], with compiled (not reflective) accessors so hot loops neither box nor allocate.
/// </summary>
internal sealed class RowTypeMap<TRow> where TRow : class
{
    private static readonly Lazy<RowTypeMap<TRow>> Shared = new(() => new RowTypeMap<TRow>());

    private RowTypeMap()
    {
        var members = typeof(TRow).GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is FieldInfo { IsInitOnly: false } or PropertyInfo { CanRead: true, CanWrite: true })
            .Where(m => m.GetCustomAttribute<NoColumnAttribute>() is null);
        Members = members.Select(m => new Member(m)).ToArray();
    }

    public static RowTypeMap<TRow> Instance => Shared.Value;

    public IReadOnlyList<Member> Members { get; }

    /// <summary>Each member's name, column name and declared column type (what a SchemaDefinition starts from).</summary>
    public static IEnumerable<(string Member, string Name, DataViewType Type)> Columns =>
        Instance.Members.Select(m => (m.Name, m.ColumnName, m.ColumnType())).ToArray();

    /// <summary>The schema of a view made from rows of this class; every member needs a supported type.</summary>
    public DataViewSchema Schema(Func<Member, DataViewType>? typeOf = null) =>
        new(Members.Select(m => (m.ColumnName, (typeOf ?? (x => x.ColumnType()))(m), (DataViewSchema.Annotations?)null)));

    /// <summary>One member of the row class.</summary>
    internal sealed class Member
    {
        private readonly MemberInfo _info;

        public Member(MemberInfo info)
        {
            _info = info;
            ClrType = info is FieldInfo f ? f.FieldType : ((PropertyInfo)info).PropertyType;
            ColumnName = info.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? info.Name;
            Load = info.GetCustomAttribute<LoadColumnAttribute>();
            Vector = info.GetCustomAttribute<VectorTypeAttribute>();
            Key = info.GetCustomAttribute<KeyTypeAttribute>();
        }

        public string Name => _info.Name;
        public string ColumnName { get; }
        public Type ClrType { get; }
        public LoadColumnAttribute? Load { get; }
        public VectorTypeAttribute? Vector { get; }
        public KeyTypeAttribute? Key { get; }

        /// <summary>The column type this member declares; <paramref name="loadedWidth"/> is the width of a LoadColumn range.</summary>
        public DataViewType ColumnType(int? loadedWidth = null)
        {
            if (ClrType.IsArray && ClrType.GetArrayRank() == 1)
            {
                var item = ItemType(ClrType.GetElementType()!) ?? throw NotAColumnType();
                if (Vector is not null)
                {
                    var type = new VectorDataViewType(item, Vector.Dimensions);
                    if (loadedWidth is int w && w != type.Size)
                        throw new InvalidOperationException($"Member '{Name}' of {typeof(TRow).Name} is [VectorType] of size {type.Size} but [LoadColumn] names {w} fields.");
                    return type;
                }
                // Without [VectorType] an array is a vector whose size varies by row, as in ML.NET.
                return new VectorDataViewType(item, loadedWidth ?? 0);
            }
            return ItemType(ClrType) ?? throw NotAColumnType();
        }

        private PrimitiveDataViewType? ItemType(Type clr) =>
            clr == typeof(uint) && Key is not null ? new KeyDataViewType(typeof(uint), Key.Count) : PrimitiveTypes.Of(clr);

        private InvalidOperationException NotAColumnType() => new(
            $"Member '{Name}' of {typeof(TRow).Name} has type {ClrType.Name}, which is not a column type. Use float, double, int, long, uint, bool, string, DateTime, DateTimeOffset, TimeSpan or an array of one of them (or mark it [NoColumn]).");

        private Delegate? _reader;
        private Delegate? _writer;

        public Func<TRow, TValue> Reader<TValue>() => (Func<TRow, TValue>)(_reader ??= CompileReader<TValue>());

        public Action<TRow, TValue> Writer<TValue>() => (Action<TRow, TValue>)(_writer ??= CompileWriter<TValue>());

        private Func<TRow, TValue> CompileReader<TValue>()
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            return Expression.Lambda<Func<TRow, TValue>>(Expression.PropertyOrField(row, _info.Name), row).Compile();
        }

        private Action<TRow, TValue> CompileWriter<TValue>()
        {
            var row = Expression.Parameter(typeof(TRow), "row");
            var value = Expression.Parameter(typeof(TValue), "value");
            var assign = Expression.Assign(Expression.PropertyOrField(row, _info.Name), value);
            return Expression.Lambda<Action<TRow, TValue>>(assign, row, value).Compile();
        }
    }
}
