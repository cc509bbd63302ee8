namespace Testing.Shared;

/// <summary>The running test's cancellation token, imported statically into every test project as <c>Ct</c>.</summary>
internal static class TestCancellation
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
