using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Functions.Framework.Idempotency;

/// <summary>
/// Keys in a DynamoDB table shared by every execution environment. Every change is a write conditioned on the
/// record read before it (its <c>version</c>, or its absence), so <see cref="IdempotencyStateMachine"/> decides
/// alone and two environments never both win a key; a new key, the common case, costs one conditional
/// <c>PutItem</c>. <c>expiration</c> (epoch seconds) doubles as the table's TTL attribute. Table: partition key
/// <c>pk</c> (S).
/// </summary>
internal sealed partial class DynamoDbIdempotencyStore : IIdempotencyStore
{
    // Past this many lost races in a row, others keep changing the key: a redelivery will decide.
    private const int MaxClaimAttempts = 4;

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly string _tableName;
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _timeProvider;

    public DynamoDbIdempotencyStore(IAmazonDynamoDB dynamoDb, IdempotencyOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dynamoDb = dynamoDb;
        _tableName = options.TableName ?? throw new ArgumentException("IdempotencyOptions.TableName is required.", nameof(options));
        _timeToLive = options.TimeToLive;
        _timeProvider = timeProvider;
    }

    public async ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        // First assume the key is new; only a lost put reads what is there.
        var current = await ReadLegacyAsync(key, cancellationToken);
        var earlier = await ReadEarlierAsync(key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (claim, write) = IdempotencyStateMachine.Claim(current?.Record, claimant, _timeProvider.GetUtcNow(), _timeToLive, earlier);
            if (write is not { } record || await TryPutAsync(key, record, current, cancellationToken))
            {
                return claim;
            }

            if (attempt == MaxClaimAttempts)
            {
                return IdempotencyClaim.InProgress;
            }

            current = await ReadAsync(key.Value, cancellationToken);
        }
    }

    public async ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var record = IdempotencyStateMachine.Finish(outcome, _timeProvider.GetUtcNow(), _timeToLive);
        await _dynamoDb.PutItemAsync(new PutItemRequest { TableName = _tableName, Item = ToItem(key.Value, record) }, cancellationToken);
    }

    public async ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var current = await ReadAsync(key.Value, cancellationToken);
        if (!IdempotencyStateMachine.CanRelease(current?.Record, owner))
        {
            return;
        }

        try
        {
            await _dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _tableName,
                Key = KeyOf(key.Value),
                ConditionExpression = "#ver = :ver",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#ver"] = VersionAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":ver"] = new() { S = current!.Value.Version } },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Changed since the read (finished, or taken over): no longer ours to give up.
        }
    }

    /// <summary>Writes <paramref name="record"/> if the item is still <paramref name="expected"/> (null: absent).</summary>
    private async Task<bool> TryPutAsync(IdempotencyKey key, IdempotencyRecord record, StoredRecord? expected, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        string condition;
        if (expected?.Version is { } version)
        {
            condition = "#ver = :ver";
            names["#ver"] = VersionAttribute;
            values[":ver"] = new AttributeValue { S = version };
        }
        else
        {
            condition = "attribute_not_exists(#pk)";
            names["#pk"] = KeyAttribute;
        }

        try
        {
            await _dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = _tableName,
                Item = ToItem(key.Value, record),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values.Count == 0 ? null : values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The records under the earlier redrive counts, read at once. Only a redriven message pays these reads (one per
    /// earlier count); redrive is rare, and every other message reads nothing here.
    /// </summary>
    private async Task<IdempotencyRecord?[]> ReadEarlierAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var keys = key.EarlierKeys();
        if (keys.Count == 0)
        {
            return [];
        }

        var read = await Task.WhenAll(keys.Select(k => ReadAsync(k.Value, cancellationToken)));
        return [.. read.Select(r => r?.Record)];
    }

    private async Task<StoredRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _dynamoDb.GetItemAsync(new GetItemRequest { TableName = _tableName, Key = KeyOf(key), ConsistentRead = true }, cancellationToken);
        return FromItem(response.Item);
    }
}
