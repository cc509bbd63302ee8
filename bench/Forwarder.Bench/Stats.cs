using System.Globalization;

namespace Forwarder.Bench;

/// <summary>Medians, percentiles and how the benchmark prints them.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending).</summary>
    public static double Percentile<T>(IReadOnlyList<T> sorted, double percent)
        where T : IConvertible
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)].ToDouble(CultureInfo.InvariantCulture);
    }

    /// <summary>"median (min–max)".</summary>
    public static string Spread(IReadOnlyCollection<double> values, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");

    /// <summary>The 1-minute load average.</summary>
    public static double Load() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
