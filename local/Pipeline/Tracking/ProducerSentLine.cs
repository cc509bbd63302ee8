using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalPipeline.Tracking;

/// <summary>
/// What local/producer prints for each message it sent:
/// <c>SENT sample_id=… kind=… poison=… [looped=…] sent_at_ms=… jms_id=…</c>.
/// </summary>
internal sealed partial record ProducerSentLine(string SampleId, string Kind, bool Poison, bool Looped, long SentAt, string JmsId)
{
    /// <summary>The line's fields; null for the producer's other output.</summary>
    public static ProducerSentLine? TryParse(string line)
    {
        var m = Pattern().Match(line);
        return !m.Success ? null : new ProducerSentLine(
            m.Groups["sample"].Value,
            m.Groups["kind"].Value,
            m.Groups["poison"].Value == "true",
            m.Groups["looped"].Value == "true",
            long.Parse(m.Groups["sent"].Value, CultureInfo.InvariantCulture),
            m.Groups["jms"].Value);
    }

    [GeneratedRegex(@"^SENT sample_id=(?<sample>\S+) kind=(?<kind>\S+) poison=(?<poison>\S+)(?: looped=(?<looped>\S+))? sent_at_ms=(?<sent>\d+) jms_id=(?<jms>\S+)$")]
    private static partial Regex Pattern();
}
