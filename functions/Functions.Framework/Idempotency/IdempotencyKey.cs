using System.Globalization;

namespace Functions.Framework.Idempotency;

/// <summary>
/// What identifies one message for idempotency: the queue it was first sent to, its id there, and how often it was
/// redriven. Copies of one send in several queues (composite destinations, virtual topics) share the origin id but
/// not the queue, so each is processed; a redriven copy (count + 1) is processed although the original was
/// dead-lettered, and skipped when the original was completed (<see cref="EarlierKeys"/>).
/// </summary>
internal sealed record IdempotencyKey
{
    // Built on first use: the in-memory store and the batch compare keys by their parts, so a batch of 10,000
    // builds no key text unless a remote store or a log line needs it.
    private string? _value;

    // 0 until first computed (a key hashing to 0 is stored as 1); one int, so threads that race only compute it twice.
    private int _hashCode;

    public IdempotencyKey(string originQueue, string originId, string redriveCount)
    {
        OriginQueue = originQueue;
        OriginId = originId;
        RedriveCount = redriveCount;
    }

    public string OriginQueue { get; }

    public string OriginId { get; }

    /// <summary>The redrive count as a canonical whole number, or the property's text when it is not one.</summary>
    public string RedriveCount { get; }

    /// <summary>The key as stored, e.g. <c>6:orders/1:0/ID:host-1:1:1:1:1</c>.</summary>
    // Length-prefixed so that no queue name or count can make two keys collide; the id comes last, whole.
    public string Value => _value ??= string.Create(CultureInfo.InvariantCulture,
        $"{OriginQueue.Length}:{OriginQueue}/{RedriveCount.Length}:{RedriveCount}/{OriginId}");

    /// <summary>
    /// The key versions before the queue and redrive count joined it used (the origin id alone), for a message that
    /// was never redriven; null otherwise. Read only while such records can still be live (see the stores).
    /// </summary>
    public string? LegacyValue => RedriveCount == "0" ? OriginId : null;

    /// <summary>
    /// How many earlier redrive counts a redriven copy looks back at, at most: a message is redriven a few times, and a
    /// count forged into the millions must not cost millions of reads.
    /// </summary>
    public const int MaxEarlierKeys = 100;

    /// <summary>
    /// The same message's keys under every earlier redrive count, from count − 1 down to 0 (the newest
    /// <see cref="MaxEarlierKeys"/>): what a redriven copy looks back at (<see cref="IdempotencyStateMachine"/>). Empty
    /// when never redriven, or when the count is not a number.
    /// </summary>
    public IReadOnlyList<IdempotencyKey> EarlierKeys()
    {
        if (RedriveCount == "0" || !int.TryParse(RedriveCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return [];
        }

        var keys = new IdempotencyKey[Math.Min(count, MaxEarlierKeys)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new IdempotencyKey(OriginQueue, OriginId, (count - 1 - i).ToString(CultureInfo.InvariantCulture));
        }

        return keys;
    }

    /// <summary>The redrive count from a property's text: absent or empty is 0; a whole number is made canonical.</summary>
    public static string ParseRedriveCount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "0"
        : int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count.ToString(CultureInfo.InvariantCulture)
        : text;

    /// <summary>Equal when <see cref="Value"/> is: the same queue, id and count (the prefixes make these one-to-one).</summary>
    public bool Equals(IdempotencyKey? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode()
            && string.Equals(OriginId, other.OriginId, StringComparison.Ordinal)
            && string.Equals(OriginQueue, other.OriginQueue, StringComparison.Ordinal)
            && string.Equals(RedriveCount, other.RedriveCount, StringComparison.Ordinal));

    public override int GetHashCode()
    {
        if (_hashCode == 0)
        {
            var hash = HashCode.Combine(
                string.GetHashCode(OriginId, StringComparison.Ordinal),
                string.GetHashCode(OriginQueue, StringComparison.Ordinal),
                string.GetHashCode(RedriveCount, StringComparison.Ordinal));
            _hashCode = hash == 0 ? 1 : hash;
        }

        return _hashCode;
    }

    public override string ToString() => Value;
}
