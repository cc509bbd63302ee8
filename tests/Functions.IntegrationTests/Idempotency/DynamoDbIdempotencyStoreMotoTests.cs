using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Functions.Framework.Idempotency;
using Functions.IntegrationTests.TestHelpers;
using Testing.Moto;

namespace Functions.IntegrationTests.Idempotency;

/// <summary>The DynamoDB store's conditional puts against moto.</summary>
public sealed class DynamoDbIdempotencyStoreMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = MotoClients.DynamoDb(moto.Server);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dynamoDb.Dispose();

    [Fact]
    public async Task Lifecycle_ClaimInProgressCompleteRelease_BehavesAcrossStores()
    {
        var table = await NewTableAsync();
        var first = Store(table);
        var second = Store(table); // another execution environment
        var until = DateTimeOffset.UtcNow.AddMinutes(5);

        Assert.Equal(IdempotencyClaim.Started, await first.TryBeginAsync("ORIG-1", until, _ct));
        Assert.Equal(IdempotencyClaim.InProgress, await second.TryBeginAsync("ORIG-1", until, _ct));
        await first.ReleaseAsync("ORIG-1", _ct);
        Assert.Equal(IdempotencyClaim.Started, await second.TryBeginAsync("ORIG-1", until, _ct));
        await second.CompleteAsync("ORIG-1", _ct);
        await second.ReleaseAsync("ORIG-1", _ct); // a completed key is never released
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await first.TryBeginAsync("ORIG-1", until, _ct));

        var item = (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "ORIG-1" } }, _ct)).Item;
        Assert.Equal("COMPLETED", item["status"].S);
        var expiration = long.Parse(item["expiration"].N, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, DateTimeOffset.UtcNow.AddHours(23).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(25).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TryBeginAsync_InProgressClaimOfCrashedInvocationLapsed_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var store = Store(table);

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddSeconds(-1), _ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddMinutes(5), _ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddMinutes(5), _ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedRecordExpired_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var now = DateTimeOffset.UtcNow;
        var old = new DynamoDbIdempotencyStore(_dynamoDb, new IdempotencyOptions { TableName = table, TimeToLive = TimeSpan.FromSeconds(60) },
            new ShiftedTime(now.AddMinutes(-2)));
        await old.TryBeginAsync("ORIG-3", now.AddMinutes(-1), _ct);
        await old.CompleteAsync("ORIG-3", _ct);

        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync("ORIG-3", now.AddMinutes(5), _ct));
    }

    private DynamoDbIdempotencyStore Store(string table) =>
        new(_dynamoDb, new IdempotencyOptions { TableName = table }, TimeProvider.System);

    private async Task<string> NewTableAsync()
    {
        var table = MotoClients.Unique("idempotency");
        await AwsResources.CreateTableAsync(_dynamoDb, table, _ct);
        return table;
    }

    private sealed class ShiftedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
