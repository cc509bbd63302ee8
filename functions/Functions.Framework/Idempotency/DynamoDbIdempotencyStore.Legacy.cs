using Amazon.DynamoDBv2.Model;

namespace Functions.Framework.Idempotency;

internal sealed partial class DynamoDbIdempotencyStore
{
    /// <summary>
    /// The item recording when this version first used the table (epoch seconds, attribute <c>since</c>; never
    /// expires). Versions before it keyed records by the origin id alone and wrote none after it, so their records
    /// are all gone one time to live later; until then a key never redriven also reads its origin id's record.
    /// The name cannot collide with a key of this version, which starts with a digit.
    /// </summary>
    internal const string LegacyMarkerKey = "@legacy-keys-read-since";

    private const string SinceAttribute = "since";

    // UTC ticks until which legacy keys are read; 0 until the marker was read.
    private long _legacyKeysUntil;

    /// <summary>
    /// What a claim starts from: nothing (assume a new key), or, while legacy records can be live and the key was
    /// never redriven, the key's record or else a completed legacy record — recognised, never rewritten. A legacy
    /// record in progress or dead-lettered is not honoured: the old version recorded dead letters as completed, and
    /// a claim of an old invocation lapses at its deadline.
    /// </summary>
    private async Task<StoredRecord?> ReadLegacyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        if (key.LegacyValue is not { } legacy || !await LegacyKeysLiveAsync(cancellationToken))
        {
            return null;
        }

        if (await ReadAsync(key.Value, cancellationToken) is { } current)
        {
            return current;
        }

        return await ReadAsync(legacy, cancellationToken) is { Record.State: IdempotencyState.Completed } old
            ? old with { Version = null }
            : null;
    }

    private async ValueTask<bool> LegacyKeysLiveAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var until = Volatile.Read(ref _legacyKeysUntil);
        if (until == 0)
        {
            var response = await _dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _tableName,
                Key = KeyOf(LegacyMarkerKey),
                UpdateExpression = "SET #since = if_not_exists(#since, :now)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#since"] = SinceAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = Number(now.ToUnixTimeSeconds()) },
                ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_NEW,
            }, cancellationToken);
            var since = DateTimeOffset.FromUnixTimeSeconds(Long(response.Attributes, SinceAttribute) ?? now.ToUnixTimeSeconds());
            until = (since + _timeToLive).UtcTicks;
            Volatile.Write(ref _legacyKeysUntil, until);
        }

        return now.UtcTicks < until;
    }
}
