using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Functions.Framework.Idempotency;

/// <summary>
/// Keys in a DynamoDB table shared by every execution environment, in the manner of Powertools' idempotency
/// utility: a conditional <c>PutItem</c> claims a key when it is new, expired, or in progress past its deadline;
/// <c>expiration</c> (epoch seconds) doubles as the table's TTL attribute. Table: partition key <c>pk</c> (S).
/// </summary>
internal sealed class DynamoDbIdempotencyStore : IIdempotencyStore
{
    private const string KeyAttribute = "pk";
    private const string StatusAttribute = "status";
    private const string ExpirationAttribute = "expiration";
    private const string InProgressExpirationAttribute = "in_progress_expiration";
    private const string InProgress = "INPROGRESS";
    private const string Completed = "COMPLETED";

    private const string ClaimCondition =
        "attribute_not_exists(#pk) OR #exp < :now OR (#status = :inprogress AND #ipe < :now_ms)";

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

    public async ValueTask<IdempotencyClaim> TryBeginAsync(string key, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        try
        {
            await _dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = _tableName,
                Item = Item(key, InProgress, now, inProgressUntil),
                ConditionExpression = ClaimCondition,
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#pk"] = KeyAttribute,
                    ["#exp"] = ExpirationAttribute,
                    ["#status"] = StatusAttribute,
                    ["#ipe"] = InProgressExpirationAttribute,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":now"] = Number(now.ToUnixTimeSeconds()),
                    [":now_ms"] = Number(now.ToUnixTimeMilliseconds()),
                    [":inprogress"] = Text(InProgress),
                },
            }, cancellationToken);
            return IdempotencyClaim.Started;
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await _dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = _tableName,
                Key = Key(key),
                ConsistentRead = true,
            }, cancellationToken);

            // Gone between the put and the get (released or expired): another invocation is deciding, so retry later.
            return existing.Item is { } item && item.TryGetValue(StatusAttribute, out var status) && status.S == Completed
                ? IdempotencyClaim.AlreadyCompleted
                : IdempotencyClaim.InProgress;
        }
    }

    public async ValueTask CompleteAsync(string key, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        await _dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _tableName,
            Item = Item(key, Completed, now),
        }, cancellationToken);
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _tableName,
                Key = Key(key),
                ConditionExpression = "#status = :inprogress",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = StatusAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":inprogress"] = Text(InProgress) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already completed (or gone): nothing to give up.
        }
    }

    private static Dictionary<string, AttributeValue> Key(string key) => new() { [KeyAttribute] = Text(key) };

    /// <summary>A key's record: its status, and its expiration <see cref="IdempotencyOptions.TimeToLive"/> from now; an in-progress claim also has a deadline.</summary>
    private Dictionary<string, AttributeValue> Item(string key, string status, DateTimeOffset now, DateTimeOffset? inProgressUntil = null)
    {
        var item = Key(key);
        item[StatusAttribute] = Text(status);
        item[ExpirationAttribute] = Number((now + _timeToLive).ToUnixTimeSeconds());
        if (inProgressUntil is { } until)
        {
            item[InProgressExpirationAttribute] = Number(until.ToUnixTimeMilliseconds());
        }

        return item;
    }

    private static AttributeValue Text(string value) => new() { S = value };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
