using Harness;

namespace Pipeline.IntegrationTests.Chaos;

/// <summary>
/// The fault suite's CI subset, as the README's test command runs it: <c>scripts/chaos.sh --quick</c> (at most 10
/// minutes of cases, plus building the function once) must pass every case. Alone in its collection, so no other
/// test of this assembly competes with it for the machine.
/// </summary>
[Collection(nameof(ChaosSuiteTests))]
[CollectionDefinition(nameof(ChaosSuiteTests), DisableParallelization = true)]
public sealed class ChaosSuiteTests(ITestOutputHelper output)
{
    // Ten minutes of cases, and a Native AOT publish of the function when none is up to date.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(16);

    [Fact]
    public async Task ChaosQuick_EveryCase_PassesWithNothingLost()
    {
        await using var chaos = ChildProcess.StartCapturing(
            new ProcessCommand(RepositoryRoot.File("scripts/chaos.sh"), ["--quick", "--skip-prereqs"]) { WorkingDirectory = RepositoryRoot.Path });
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(Timeout);
        try
        {
            await chaos.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM first: the runner stops its brokers, agent and bootstrap itself.
            await chaos.StopAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
        }

        output.WriteLine(chaos.StdOut);
        output.WriteLine(chaos.StdErr);
        var last = chaos.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        Assert.StartsWith("RESULT cases=", last, StringComparison.Ordinal);
        Assert.True(chaos.ExitCode == 0, $"scripts/chaos.sh --quick exited {chaos.ExitCode}: {last}");
    }
}
