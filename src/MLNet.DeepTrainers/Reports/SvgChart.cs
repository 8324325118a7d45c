using System.Globalization;
using System.Security;
using System.Text;

namespace MLNet.DeepTrainers;

/// <summary>
/// A small SVG chart: a titled plot area with labelled, ticked axes, a legend, and line or bar series.
/// SVG needs no native library, opens in any browser and scales without blurring.
/// </summary>
internal sealed class SvgChart(string title, string xLabel, string yLabel, bool logScale = false)
{
    private const int Width = 720, Left = 80, Right = 180, Top = 50, PlotHeight = 330;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private readonly List<(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed)> _lines = [];
    private readonly List<(string Name, double Mean, double Spread, IReadOnlyList<double> Values)> _bars = [];

    public SvgChart Line(string name, IReadOnlyList<(double X, double Y)> points, bool dashed = false)
    {
        _lines.Add((name, points.Where(p => double.IsFinite(p.Y)).ToList(), dashed));
        return this;
    }

    /// <summary>A bar at the mean, an error bar of ± the spread, and a dot per value.</summary>
    public SvgChart Bar(string name, IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double spread = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        _bars.Add((name, mean, spread, values));
        return this;
    }

    public string Render()
    {
        var ys = _lines.SelectMany(l => l.Points.Select(p => p.Y)).Concat(_bars.SelectMany(b => b.Values.Append(b.Mean + b.Spread).Append(b.Mean - b.Spread))).ToList();
        // A log scale (for losses that fall by orders of magnitude) plots log10 of the values; it needs them positive.
        bool log = logScale && _bars.Count == 0 && ys.Count > 0 && ys.All(y => y > 0);
        double Scale(double y) => log ? Math.Log10(y) : y;
        var scaled = ys.Select(Scale).ToList();
        double yMin = _bars.Count > 0 ? Math.Min(0, scaled.DefaultIfEmpty(0).Min()) : scaled.DefaultIfEmpty(0).Min();
        // Bars get headroom for the "mean ± std" label above each whisker.
        double yMax = scaled.DefaultIfEmpty(1).Max();
        var (yLow, yHigh, yStep) = log ? (Math.Floor(yMin), Math.Ceiling(yMax), 1.0) : NiceRange(yMin, _bars.Count > 0 ? yMax + (yMax - yMin) * 0.12 : yMax);
        var xs = _lines.SelectMany(l => l.Points.Select(p => p.X)).ToList();
        var (xLow, xHigh, xStep) = _bars.Count > 0 ? (0, _bars.Count, 1) : NiceRange(xs.DefaultIfEmpty(0).Min(), xs.DefaultIfEmpty(1).Max());
        double plotWidth = Width - Left - Right, plotHeight = PlotHeight;
        // Bar names too long for their slot wrap onto more lines, and the chart grows to fit them.
        var names = _bars.Select(b => Wrap(b.Name, (int)(plotWidth / Math.Max(_bars.Count, 1) / 7))).ToList();
        int nameLines = names.Select(n => n.Count).DefaultIfEmpty(1).Max();
        int Height = Top + PlotHeight + 45 + 15 * nameLines;
        double X(double x) => Left + (x - xLow) / (xHigh - xLow) * plotWidth;
        double Y(double y) => Top + plotHeight - (Scale(y) - yLow) / (yHigh - yLow) * plotHeight;
        double YScaled(double y) => Top + plotHeight - (y - yLow) / (yHigh - yLow) * plotHeight;

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\">\n"));
        svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        for (double y = yLow; y <= yHigh + yStep / 2; y += yStep)
        {
            svg.Append(F($"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{YScaled(y):0.#}\" y2=\"{YScaled(y):0.#}\" stroke=\"#e5e5e5\"/>\n"));
            double power = Math.Pow(10, y);
            string label = !log ? Tick(y, yStep) : power.ToString(power >= 1 ? "#,0" : "0.#########", CultureInfo.InvariantCulture);
            svg.Append(F($"<text x=\"{Left - 8}\" y=\"{YScaled(y) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\">{label}</text>\n"));
        }
        if (_bars.Count == 0)
        {
            for (double x = xLow; x <= xHigh + xStep / 2; x += xStep)
                svg.Append(F($"<text x=\"{X(x):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\" font-size=\"12\">{Tick(x, xStep)}</text>\n"));
        }
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#333\"/>\n"));
        svg.Append(F($"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\" font-size=\"14\">{Escape(xLabel)}</text>\n"));
        string yTitle = log ? $"{yLabel} (log scale)" : yLabel;
        svg.Append(F($"<text x=\"18\" y=\"{Top + plotHeight / 2}\" text-anchor=\"middle\" font-size=\"14\" transform=\"rotate(-90 18 {Top + plotHeight / 2})\">{Escape(yTitle)}</text>\n"));

        int legend = 0;
        foreach (var (name, points, dashed) in _lines)
        {
            string color = Palette[legend % Palette.Length];
            string path = string.Join(" ", points.Select(p => F($"{X(p.X):0.##},{Y(p.Y):0.##}")));
            svg.Append(F($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")}/>\n"));
            foreach (var p in points.Count <= 40 ? points : [])
                svg.Append(F($"<circle cx=\"{X(p.X):0.##}\" cy=\"{Y(p.Y):0.##}\" r=\"3\" fill=\"{color}\"/>\n"));
            Legend(svg, legend++, name, Marker.Line(color, dashed));
        }
        for (int i = 0; i < _bars.Count; i++)
        {
            var (name, mean, spread, values) = _bars[i];
            string color = Palette[i % Palette.Length];
            double center = X(i + 0.5), half = plotWidth / _bars.Count * 0.3;
            svg.Append(F($"<rect x=\"{center - half:0.##}\" y=\"{Math.Min(Y(mean), Y(0)):0.##}\" width=\"{2 * half:0.##}\" height=\"{Math.Abs(Y(0) - Y(mean)):0.##}\" fill=\"{color}\" fill-opacity=\"0.7\"/>\n"));
            svg.Append(F($"<line x1=\"{center:0.##}\" x2=\"{center:0.##}\" y1=\"{Y(mean - spread):0.##}\" y2=\"{Y(mean + spread):0.##}\" stroke=\"#222\" stroke-width=\"2\"/>\n"));
            foreach (double end in new[] { mean - spread, mean + spread })
                svg.Append(F($"<line x1=\"{center - 8:0.##}\" x2=\"{center + 8:0.##}\" y1=\"{Y(end):0.##}\" y2=\"{Y(end):0.##}\" stroke=\"#222\" stroke-width=\"2\"/>\n"));
            foreach (double v in values)
                svg.Append(F($"<circle cx=\"{center + half * 0.6:0.##}\" cy=\"{Y(v):0.##}\" r=\"3\" fill=\"#222\"/>\n"));
            svg.Append(F($"<text x=\"{center:0.##}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\" font-size=\"12\">"));
            for (int line = 0; line < names[i].Count; line++)
                svg.Append(F($"<tspan x=\"{center:0.##}\" dy=\"{(line == 0 ? 0 : 15)}\">{Escape(names[i][line])}</tspan>"));
            svg.Append("</text>\n");
            svg.Append(F($"<text x=\"{center:0.##}\" y=\"{Y(mean + spread) - 8:0.##}\" text-anchor=\"middle\" font-size=\"12\">{mean:G4} ± {spread:G2}</text>\n"));
        }
        if (_bars.Count > 0)
        {
            Legend(svg, 0, "mean (bar)", Marker.Box);
            Legend(svg, 1, "± 1 std (whisker)", Marker.Whisker);
            Legend(svg, 2, "each fold (dot)", Marker.Dot);
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static void Legend(StringBuilder svg, int index, string name, Func<int, int, string> marker)
    {
        int y = Top + 10 + index * 22, x = Width - Right + 16;
        svg.Append(marker(x, y));
        svg.Append(F($"<text x=\"{x + 30}\" y=\"{y + 4}\" font-size=\"13\">{Escape(name)}</text>\n"));
    }

    /// <summary>Legend symbols, drawn at (x, y), 24 pixels wide.</summary>
    private static class Marker
    {
        public static Func<int, int, string> Line(string color, bool dashed) => (x, y) =>
            F($"<line x1=\"{x}\" x2=\"{x + 24}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"3\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")}/>\n");

        public static string Box(int x, int y) => F($"<rect x=\"{x + 4}\" y=\"{y - 7}\" width=\"16\" height=\"14\" fill=\"#888\" fill-opacity=\"0.7\"/>\n");

        public static string Whisker(int x, int y) =>
            F($"<path d=\"M{x + 12},{y - 8}V{y + 8}M{x + 6},{y - 8}H{x + 18}M{x + 6},{y + 8}H{x + 18}\" stroke=\"#222\" stroke-width=\"2\" fill=\"none\"/>\n");

        public static string Dot(int x, int y) => F($"<circle cx=\"{x + 12}\" cy=\"{y}\" r=\"3\" fill=\"#222\"/>\n");
    }

    /// <summary>Words packed into lines of at most <paramref name="width"/> characters (a longer word gets a line of its own).</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= width)
                lines[^1] += " " + word;
            else
                lines.Add(word);
        }
        return lines.Count > 0 ? lines : [""];
    }

    /// <summary>A range covering [low, high] with about five round steps (1, 2 or 5 times a power of ten).</summary>
    internal static (double Low, double High, double Step) NiceRange(double low, double high)
    {
        if (!(high > low))
            (low, high) = (low - 1, high + 1);
        double raw = (high - low) / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double ratio = raw / magnitude;
        double step = (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10) * magnitude;
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    private static string Tick(double value, double step)
    {
        int decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        return (Math.Round(value / step) * step).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
