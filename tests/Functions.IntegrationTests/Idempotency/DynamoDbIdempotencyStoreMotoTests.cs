using Functions.Framework.Idempotency;

namespace Functions.IntegrationTests.Idempotency;

/// <summary>The DynamoDB store's conditional writes against moto.</summary>
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
        var key = Key("ORIG-1");

        Assert.Equal(IdempotencyClaim.Started, await first.TryBeginAsync(key, Claimant("req-1", until), Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await second.TryBeginAsync(key, Claimant("req-2", until), Ct));
        await first.ReleaseAsync(key, "req-1", Ct);
        Assert.Equal(IdempotencyClaim.Started, await second.TryBeginAsync(key, Claimant("req-2", until), Ct));
        await second.FinishAsync(key, IdempotencyState.Completed, Ct);
        await second.ReleaseAsync(key, "req-2", Ct); // a completed key is never released
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await first.TryBeginAsync(key, Claimant("req-3", until), Ct));

        var item = await ItemAsync(table, key.Value);
        Assert.Equal("COMPLETED", item["status"].S);
        var expiration = long.Parse(item["expiration"].N, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, DateTimeOffset.UtcNow.AddHours(23).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(25).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TryBeginAsync_InProgressClaimOfCrashedInvocationLapsed_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var store = Store(table);
        var key = Key("ORIG-2");

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(key, Claimant("req-1", DateTimeOffset.UtcNow.AddSeconds(-1)), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(key, Claimant("req-2", DateTimeOffset.UtcNow.AddMinutes(5)), Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync(key, Claimant("req-3", DateTimeOffset.UtcNow.AddMinutes(5)), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedRecordExpired_ClaimsAgain()
    {
        var table = await NewTableAsync();
        var now = DateTimeOffset.UtcNow;
        var old = new DynamoDbIdempotencyStore(_dynamoDb, new IdempotencyOptions { TableName = table, TimeToLive = TimeSpan.FromSeconds(60) },
            new ShiftedTime(now.AddMinutes(-2)));
        await old.TryBeginAsync(Key("ORIG-3"), Claimant("req-1", now.AddMinutes(-1)), Ct);
        await old.FinishAsync(Key("ORIG-3"), IdempotencyState.Completed, Ct);

        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(Key("ORIG-3"), Claimant("req-2", now.AddMinutes(5)), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_DeadLetteredRedeliveredRedrivenAndCopyInAnotherQueue_EachAsTheStateMachineSays()
    {
        var table = await NewTableAsync();
        var store = Store(table);
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        await store.TryBeginAsync(Key("ORIG-4"), Claimant("req-1", until), Ct);
        await store.FinishAsync(Key("ORIG-4"), IdempotencyState.DeadLettered, Ct);

        Assert.Equal(IdempotencyClaim.AlreadyDeadLettered, await Store(table).TryBeginAsync(Key("ORIG-4"), Claimant("req-2", until, redelivered: true), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(Key("ORIG-4", redriveCount: "1"), Claimant("req-3", until), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(Key("ORIG-4", queue: "ORDERS.B"), Claimant("req-3", until), Ct));
        Assert.Equal("DEADLETTERED", (await ItemAsync(table, Key("ORIG-4").Value))["status"].S);
    }

    [Fact]
    public async Task TryBeginAsync_BrokerRedeliversOwnersDelivery_TakesOverAndOldOwnerCannotRelease()
    {
        var table = await NewTableAsync();
        var until = DateTimeOffset.UtcNow.AddMinutes(15);
        var key = Key("ORIG-5");
        await Store(table).TryBeginAsync(key, Claimant("req-crashed", until), Ct);

        Assert.Equal(IdempotencyClaim.InProgress, await Store(table).TryBeginAsync(key, Claimant("req-2", until, "ID:other", redelivered: true), Ct));
        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(key, Claimant("req-2", until, redelivered: true), Ct));
        await Store(table).ReleaseAsync(key, "req-crashed", Ct);
        Assert.Equal("req-2", (await ItemAsync(table, key.Value))["owner"].S);
    }

    [Fact]
    public async Task TryBeginAsync_RecordOfPreviousVersionUnderOriginIdAlone_RecognisedUntilOneTimeToLiveAfterUpgrade()
    {
        var table = await NewTableAsync();
        var now = DateTimeOffset.UtcNow;
        // As the previous version wrote them: keyed by fwd_origin_id alone, no owner, no version.
        await PutLegacyAsync(table, "ORIG-6", "COMPLETED", now.AddHours(48));
        await PutLegacyAsync(table, "ORIG-7", "INPROGRESS", now.AddHours(48));
        var until = now.AddMinutes(5);

        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await Store(table).TryBeginAsync(Key("ORIG-6"), Claimant("req-1", until), Ct));
        // The old record cannot tell queues apart: until it lapses, every queue's copy counts as the completed one.
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await Store(table).TryBeginAsync(Key("ORIG-6", queue: "ORDERS.B"), Claimant("req-1", until), Ct));
        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(Key("ORIG-6", redriveCount: "1"), Claimant("req-1", until), Ct));
        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(Key("ORIG-7"), Claimant("req-1", until), Ct));
        Assert.True((await ItemAsync(table, DynamoDbIdempotencyStore.LegacyMarkerKey)).ContainsKey("since"));

        var dayLater = new DynamoDbIdempotencyStore(_dynamoDb, new IdempotencyOptions { TableName = table }, new ShiftedTime(now.AddHours(24).AddMinutes(1)));
        Assert.Equal(IdempotencyClaim.Started, await dayLater.TryBeginAsync(Key("ORIG-6", queue: "ORDERS.C"), Claimant("req-2", now.AddHours(25)), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_RedrivenCopies_SkippedWhenCompletedUnderAnEarlierCountInAnyEnvironment()
    {
        var table = await NewTableAsync();
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        // A mixed batch the broker dead-lettered whole: ORIG-8 was completed under count 0, ORIG-9's claim released
        // (its dead letter could not be sent), ORIG-10 is being handled under count 0 right now.
        await Store(table).TryBeginAsync(Key("ORIG-8"), Claimant("req-1", until), Ct);
        await Store(table).FinishAsync(Key("ORIG-8"), IdempotencyState.Completed, Ct);
        await Store(table).TryBeginAsync(Key("ORIG-9"), Claimant("req-1", until), Ct);
        await Store(table).ReleaseAsync(Key("ORIG-9"), "req-1", Ct);
        await Store(table).TryBeginAsync(Key("ORIG-10"), Claimant("req-1", until), Ct);

        // Redriven (count 1), in other execution environments.
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await Store(table).TryBeginAsync(Key("ORIG-8", redriveCount: "1"), Claimant("req-2", until), Ct));
        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(Key("ORIG-9", redriveCount: "1"), Claimant("req-2", until), Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await Store(table).TryBeginAsync(Key("ORIG-10", redriveCount: "1"), Claimant("req-2", until), Ct));
        await Store(table).FinishAsync(Key("ORIG-9", redriveCount: "1"), IdempotencyState.DeadLettered, Ct);
        // Redriven again (count 2): completed under count 0 still wins although count 1 has no record; dead-lettered lets it run.
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await Store(table).TryBeginAsync(Key("ORIG-8", redriveCount: "2"), Claimant("req-3", until), Ct));
        Assert.Equal(IdempotencyClaim.Started, await Store(table).TryBeginAsync(Key("ORIG-9", redriveCount: "2"), Claimant("req-3", until), Ct));
        // A skip writes nothing.
        Assert.True(await ItemAsync(table, Key("ORIG-8", redriveCount: "1").Value) is null or { Count: 0 });
        Assert.True(await ItemAsync(table, Key("ORIG-8", redriveCount: "2").Value) is null or { Count: 0 });
    }

    private static IdempotencyKey Key(string originId, string queue = "ORDERS", string redriveCount = "0") => new(queue, originId, redriveCount);

    private static IdempotencyClaimant Claimant(string requestId, DateTimeOffset deadline, string deliveryId = "ID:cloud-1", bool redelivered = false) =>
        new(requestId, deliveryId, redelivered, deadline);

    private DynamoDbIdempotencyStore Store(string table) =>
        new(_dynamoDb, new IdempotencyOptions { TableName = table }, TimeProvider.System);

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(string table, string pk) =>
        (await _dynamoDb.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = pk } }, Ct)).Item;

    private async Task PutLegacyAsync(string table, string pk, string status, DateTimeOffset expires) =>
        await _dynamoDb.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = pk },
            ["status"] = new() { S = status },
            ["expiration"] = new() { N = expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["in_progress_expiration"] = new() { N = expires.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, Ct);

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
