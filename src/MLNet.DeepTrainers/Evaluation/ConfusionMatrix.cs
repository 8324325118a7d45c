using System.Globalization;
using System.Text;

namespace MLNet.DeepTrainers.Data;

/// <summary>Counts of (actual, predicted) class pairs: rows are actual classes, columns predicted ones.</summary>
public sealed class ConfusionMatrix
{
    private readonly string[] _classNames;
    private readonly bool _binary;

    internal ConfusionMatrix(double[][] counts, string[] classNames, bool binary)
    {
        _binary = binary;
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

    /// <summary>
    /// ML.NET's text table: counts (rows actual, columns predicted) with each class's recall and
    /// precision, headed for two classes by the share of the first (positive) class.
    /// </summary>
    public string GetFormattedConfusionTable()
    {
        var culture = CultureInfo.InvariantCulture;
        int classes = NumberOfClasses;
        int columnWidth = classes == 2 ? 8 : 5;
        int longestName = _classNames.Max(n => n.Length);
        // Names wider than a column are numbered in the header, as ML.NET does.
        bool numberedHeader = longestName > columnWidth;
        int digits = numberedHeader ? Math.Max(classes - 1, 0).ToString(culture).Length : 0;
        int labelWidth = Math.Max(9, longestName + (numberedHeader ? digits + 2 : 0));
        string pad = new(' ', labelWidth - 9);
        string rule = string.Concat(Enumerable.Repeat(classes > 2 ? "========" : "===========", classes));
        string RowLabel(int i) => numberedHeader
            ? $"{i.ToString(culture).PadLeft(digits)}. {_classNames[i].PadLeft(labelWidth - digits - 2)} ||"
            : $"{_classNames[i].PadLeft(labelWidth)} ||";

        var text = new StringBuilder();
        if (_binary)
        {
            double positives = Counts[0][0] + Counts[0][1], negatives = Counts[1][0] + Counts[1][1];
            text.Append(culture, $"TEST {_classNames[0].ToUpperInvariant()} RATIO:\t{positives / (positives + negatives):N4} ({positives:F1}/({positives:F1}+{negatives:F1}))");
        }
        text.AppendLine();
        text.AppendLine("Confusion table");
        text.Append(culture, $"          {pad}||").AppendLine(rule);
        text.Append(culture, $"PREDICTED {pad}||");
        for (int i = 0; i < classes; i++)
            text.Append(' ').Append((numberedHeader ? i.ToString(culture) : _classNames[i]).PadLeft(columnWidth)).Append(" |");
        text.AppendLine(" Recall");
        text.Append(culture, $"TRUTH     {pad}||").AppendLine(rule);
        for (int r = 0; r < classes; r++)
        {
            text.Append(RowLabel(r));
            foreach (var count in Counts[r])
                text.Append(' ').Append(count.ToString("N0", culture).PadLeft(columnWidth)).Append(" |");
            text.Append(' ').AppendLine(PerClassRecall[r].ToString("F4", culture).PadLeft(5));
        }
        text.Append(culture, $"          {pad}||").AppendLine(rule);
        text.Append(culture, $"Precision {pad}||");
        foreach (var precision in PerClassPrecision)
            text.Append(precision.ToString("N4", culture).PadLeft(columnWidth + 1)).Append(" |");
        return text.AppendLine().ToString();
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}
