namespace Functions.Framework.DeadLetter;

/// <summary>Splits entries into <c>SendMessageBatch</c> requests that respect SQS's entry-count and size limits.</summary>
internal static class SqsBatchPlanner
{
    /// <summary>
    /// Groups <paramref name="entries"/> in order into requests of at most <see cref="SqsLimits.MaxEntriesPerBatch"/>
    /// entries whose sizes add up to at most <paramref name="maxRequestBytes"/>. Each entry must itself fit.
    /// </summary>
    public static List<List<SqsEntry>> Plan(IReadOnlyList<SqsEntry> entries, int maxRequestBytes)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var requests = new List<List<SqsEntry>>();
        var current = new List<SqsEntry>();
        var currentBytes = 0;
        foreach (var entry in entries)
        {
            if (entry.Bytes > maxRequestBytes)
            {
                throw new ArgumentException(
                    $"Entry '{entry.Entry.Id}' is {entry.Bytes} bytes, over the {maxRequestBytes}-byte limit.", nameof(entries));
            }

            if (current.Count == SqsLimits.MaxEntriesPerBatch || currentBytes + entry.Bytes > maxRequestBytes)
            {
                requests.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.Add(entry);
            currentBytes += entry.Bytes;
        }

        if (current.Count > 0)
        {
            requests.Add(current);
        }

        return requests;
    }
}
