using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>One candidate's hyperparameter values, by name.</summary>
public sealed class ParameterSet
{
    private readonly IReadOnlyDictionary<string, object> _values;
    private readonly string[] _order;

    internal ParameterSet(IReadOnlyDictionary<string, object> values, IEnumerable<string> order)
    {
        _values = values;
        _order = order.ToArray();
    }

    /// <summary>The values by name.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>The value of <paramref name="name"/> as a <typeparamref name="T"/> (numbers convert: a range's double to a float, say).</summary>
    public T Get<T>(string name)
    {
        if (!_values.TryGetValue(name, out var value))
            throw new KeyNotFoundException($"The search space has no parameter '{name}'; it has {string.Join(", ", _order.Select(n => $"'{n}'"))}.");
        if (value is T typed)
            return typed;
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(typeof(T)))
            return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        throw new InvalidCastException($"The parameter '{name}' is a {value.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>"name=value, ..." in the search space's order.</summary>
    public override string ToString() => string.Join(", ", _order.Select(n => $"{n}={Format(_values[n])}"));

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        Array a => "[" + string.Join(" ", a.Cast<object>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
