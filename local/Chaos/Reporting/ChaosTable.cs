using System.Globalization;

namespace LocalChaos.Reporting;

/// <summary>The fault suite's table (one row per case) and its last line, <c>RESULT …</c>.</summary>
internal static class ChaosTable
{
    private static readonly string[] Header =
        ["case", "sent", "processed", "dlq sqs", "parked", "onprem dlq", "cloud DLQ.<q>", "expired", "lost", "misrouted", "unkeyed dup", "stall", "result"];

    public static IEnumerable<string> Lines(IReadOnlyList<CaseOutcome> outcomes)
    {
        var rows = outcomes.Select(Row).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        string Format(string[] row) => "| " + string.Join(" | ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))) + " |";
        yield return Format(rows[0]);
        yield return "|" + string.Join("|", widths.Select((w, i) => new string('-', w + 1) + (i == 0 ? "-" : ":"))) + "|";
        foreach (var row in rows.Skip(1))
        {
            yield return Format(row);
        }

        foreach (var failed in outcomes.Where(o => o.Error is not null))
        {
            yield return $"{failed.Case}: {failed.Error}";
        }
    }

    public static string ResultLine(IReadOnlyList<CaseOutcome> outcomes) => string.Create(CultureInfo.InvariantCulture,
        $"RESULT cases={outcomes.Count} failed_cases={outcomes.Count(o => o.Failed)} faults_injected={outcomes.Sum(o => o.FaultsInjected)} lost={outcomes.Sum(o => o.Lost)} misrouted={outcomes.Sum(o => o.Misrouted)} stalled={outcomes.Count(o => o.Stalled)} unkeyed_duplicates={outcomes.Sum(o => o.UnkeyedDuplicates)}");

    private static string[] Row(CaseOutcome o) =>
    [
        o.Case, N(o.Sent), N(o.Processed), N(o.DeadLetteredSqs), N(o.Parked), N(o.OnPremDlq), N(o.CloudDlq), N(o.Expired), N(o.Lost), N(o.Misrouted),
        N(o.UnkeyedDuplicates), o.StallText, o.Failed ? "FAIL" : "pass",
    ];

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
