using LocalChaos.Reporting;

namespace Local.Tests.Chaos;

public sealed class ChaosTableTests
{
    [Fact]
    public void CaseOutcome_SamplesAndDeadLetterFinds_CountsEachPlaceOnceAndTheRestAsLost()
    {
        SampleRecord Sample(string id, Action<SampleRecord> set)
        {
            var record = new SampleRecord(id) { SentAt = 1, Destination = "/queue/orders" };
            set(record);
            return record;
        }

        var samples = new[]
        {
            Sample("processed", r => r.ProcessedAt = 5),
            Sample("twice", r => { r.ProcessedAt = 5; r.ProcessedCount = 3; }),
            Sample("sqs", r => r.DeadLetter = DeadLetterPlace.Sqs),
            Sample("parked", r => r.DeadLetter = DeadLetterPlace.ForwarderParking),
            Sample("cloud-dlq", r => r.DeadLetter = DeadLetterPlace.BrokerDlq),
            Sample("onprem-dlq", _ => { }),
            Sample("expired", _ => { }),
            Sample("elsewhere", r => { r.ProcessedAt = 5; r.Destination = "/queue/invoices"; }),
            Sample("lost", _ => { }),
        };
        var finds = new DeadLetterFinds(new HashSet<string> { "onprem-dlq", "expired" }, new HashSet<string>(), new HashSet<string> { "expired" });

        var outcome = CaseOutcome.Of("x", 9, samples, "orders", finds);

        Assert.Equal((9, 3, 1, 1, 2, 1, 1, 1, 1, 2), (outcome.Sent, outcome.Processed, outcome.DeadLetteredSqs, outcome.Parked, outcome.OnPremDlq, outcome.CloudDlq, outcome.Expired, outcome.Lost, outcome.Misrouted, outcome.UnkeyedDuplicates));
        Assert.True(outcome.Failed);
    }

    [Fact]
    public void ResultLine_Outcomes_SumsAndCountsFailedAndStalledCases()
    {
        var ok = new CaseOutcome("ok") { Sent = 10, Expected = 10, FaultsInjected = 2, LongestStall = TimeSpan.FromSeconds(3), StallLimit = TimeSpan.FromSeconds(60) };
        var stalled = ok with { Case = "slow", LongestStall = TimeSpan.FromSeconds(61) };
        var lost = ok with { Case = "lossy", Lost = 2, Misrouted = 1, UnkeyedDuplicates = 4 };

        Assert.Equal("RESULT cases=3 failed_cases=2 faults_injected=6 lost=2 misrouted=1 stalled=1 unkeyed_duplicates=4", ChaosTable.ResultLine([ok, stalled, lost]));
        var lines = ChaosTable.Lines([ok, stalled, lost]).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains("pass", lines[2], StringComparison.Ordinal);
        Assert.Contains("FAIL", lines[3], StringComparison.Ordinal);
    }
}
