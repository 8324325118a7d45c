using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers.Data;

/// <summary>Counts of (actual, predicted) class pairs: rows are actual classes, columns predicted ones.</summary>
public sealed class ConfusionMatrix
{
    private readonly string[] _classNames;

    internal ConfusionMatrix(double[][] counts, string[] classNames)
    {
        Counts = counts;
        _classNames = classNames;
        int k = counts.Length;
        PerClassPrecision = Enumerable.Range(0, k).Select(c => Ratio(counts[c][c], counts.Sum(row => row[c]))).ToArray();
        PerClassRecall = Enumerable.Range(0, k).Select(c => Ratio(counts[c][c], counts[c].Sum())).ToArray();
    }

    /// <summary>Of the examples predicted as each class, the fraction that are (0 when none was predicted).</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Of the examples of each class, the fraction predicted as it (0 when the class is absent).</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>Counts[actual][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts { get; }

    /// <summary>The number of classes.</summary>
    public int NumberOfClasses => Counts.Count;

    /// <summary>A text table of the counts with each class's precision and recall.</summary>
    public string GetFormattedConfusionTable()
    {
        int width = Math.Max(8, _classNames.Max(n => n.Length) + 1);
        var text = new StringBuilder();
        text.AppendLine("Confusion table (rows: actual, columns: predicted)");
        text.Append("".PadLeft(width)).Append(" ||");
        foreach (var name in _classNames)
            text.Append(' ').Append(name.PadLeft(width));
        text.AppendLine(" | Recall");
        for (int r = 0; r < NumberOfClasses; r++)
        {
            text.Append(_classNames[r].PadLeft(width)).Append(" ||");
            foreach (var count in Counts[r])
                text.Append(' ').Append(count.ToString("0", CultureInfo.InvariantCulture).PadLeft(width));
            text.AppendLine(CultureInfo.InvariantCulture, $" | {PerClassRecall[r]:0.0000}");
        }
        text.Append("Precision".PadLeft(width)).Append(" ||");
        foreach (var p in PerClassPrecision)
            text.Append(' ').Append(p.ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(width));
        return text.AppendLine(" |").ToString();
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}
