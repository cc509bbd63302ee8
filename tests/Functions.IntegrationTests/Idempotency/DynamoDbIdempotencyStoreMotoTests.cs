using Functions.Framework.Idempotency;

namespace Functions.IntegrationTests.Idempotency;

/// <summary>The DynamoDB store's conditional puts against moto.</summary>
public sealed class DynamoDbIdempotencyStoreMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb = MotoClients.DynamoDb(moto.Server);
    public void Dispose() => _dynamoDb.Dispose();

    [Fact]
    public async Task Lifecycle_ClaimInProgressCompleteRelease_BehavesAcrossStores()
    {
        var table = await NewTableAsync();
        var first = Store(table);
        var second = Store(table); // another execution environment
        var until = DateTimeOffset.UtcNow.AddMinutes(5);

        Assert.Equal(IdempotencyClaim.Started, await first.TryBeginAsync("ORIG-1", until, Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await second.TryBeginAsync("ORIG-1", until, Ct));
        await first.ReleaseAsync("ORIG-1", Ct);
        Assert.Equal(IdempotencyClaim.Started, await second.TryBeginAsync("ORIG-1", until, Ct));
        await second.CompleteAsync("ORIG-1", Ct);
        await second.ReleaseAsync("ORIG-1", Ct); // a completed key is never released
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await first.TryBeginAsync("ORIG-1", until, Ct));

        var item = (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "ORIG-1" } }, Ct)).Item;
        Assert.Equal("COMPLETED", item["status"].S);
        var expiration = long.Parse(item["expiration"].N, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, DateTimeOffset.UtcNow.AddHours(23).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(25).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TryBeginAsync_InProgressClaimOfCrashedInvocationLapsed_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var store = Store(table);

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddSeconds(-1), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddMinutes(5), Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync("ORIG-2", DateTimeOffset.UtcNow.AddMinutes(5), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedRecordExpired_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var now = DateTimeOffset.UtcNow;
        var old = new DynamoDbIdempotencyStore(_dynamoDb, new IdempotencyOptions { TableName = table, TimeToLive = TimeSpan.FromSeconds(60) },
            new ShiftedTime(now.AddMinutes(-2)));
        await old.TryBeginAsync("ORIG-3", now.AddMinutes(-1), Ct);
        await old.CompleteAsync("ORIG-3", Ct);

        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync("ORIG-3", now.AddMinutes(5), Ct));
    }

    private DynamoDbIdempotencyStore Store(string table) =>
        new(_dynamoDb, new IdempotencyOptions { TableName = table }, TimeProvider.System);

    private async Task<string> NewTableAsync()
    {
        var table = MotoClients.Unique("idempotency");
        await AwsResources.CreateTableAsync(_dynamoDb, table, Ct);
        return table;
    }

    private sealed class ShiftedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
