using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Functions.Framework.Idempotency;

internal sealed partial class DynamoDbIdempotencyStore
{
    private const string KeyAttribute = "pk";
    private const string StatusAttribute = "status";
    private const string ExpirationAttribute = "expiration";
    private const string InProgressExpirationAttribute = "in_progress_expiration";
    private const string OwnerAttribute = "owner";
    private const string OwnerDeliveryAttribute = "owner_delivery";
    private const string VersionAttribute = "version";

    private static readonly (IdempotencyState State, string Text)[] Statuses =
    [
        (IdempotencyState.InProgress, "INPROGRESS"),
        (IdempotencyState.Completed, "COMPLETED"),
        (IdempotencyState.DeadLettered, "DEADLETTERED"),
    ];

    private static Dictionary<string, AttributeValue> KeyOf(string key) => new() { [KeyAttribute] = new() { S = key } };

    /// <summary>The item for <paramref name="record"/>, with a new version so that every write changes it.</summary>
    private static Dictionary<string, AttributeValue> ToItem(string key, IdempotencyRecord record)
    {
        var item = KeyOf(key);
        item[StatusAttribute] = new() { S = Array.Find(Statuses, s => s.State == record.State).Text };
        item[ExpirationAttribute] = Number(record.ExpiresAt.ToUnixTimeSeconds());
        item[VersionAttribute] = new() { S = Guid.NewGuid().ToString("N") };
        if (record.State == IdempotencyState.InProgress)
        {
            item[InProgressExpirationAttribute] = Number(record.OwnerDeadline.ToUnixTimeMilliseconds());
            item[OwnerAttribute] = new() { S = record.Owner };
            item[OwnerDeliveryAttribute] = new() { S = record.OwnerDeliveryId };
        }

        return item;
    }

    /// <summary>
    /// The record in <paramref name="item"/>; null when there is none. An item the previous version wrote (no owner,
    /// no version) reads the same: its status, expiration and in-progress deadline mean what they meant.
    /// </summary>
    private static StoredRecord? FromItem(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || !item.TryGetValue(StatusAttribute, out var status))
        {
            return null;
        }

        // An unknown status reads as a claim whose owner's deadline passed: claimable, never skipped.
        var state = Array.Find(Statuses, s => s.Text == status.S) is { Text: not null } known ? known.State : IdempotencyState.InProgress;
        var record = new IdempotencyRecord(
            state,
            Long(item, ExpirationAttribute) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MaxValue,
            item.GetValueOrDefault(OwnerAttribute)?.S,
            item.GetValueOrDefault(OwnerDeliveryAttribute)?.S,
            Long(item, InProgressExpirationAttribute) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default);
        return new StoredRecord(record, item.GetValueOrDefault(VersionAttribute)?.S);
    }

    private static long? Long(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A record as read, with the version a conditional write must still find (null: no item).</summary>
    private readonly record struct StoredRecord(IdempotencyRecord Record, string? Version);
}
