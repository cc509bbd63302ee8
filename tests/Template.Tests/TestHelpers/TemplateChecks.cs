namespace Template.Tests.TestHelpers;

/// <summary>Runs one check of <c>scripts/template_checks.py</c> (the same code <c>scripts/check-template.sh</c> runs).</summary>
internal static class TemplateChecks
{
    public static Task<ProcessResult> RunAsync(string check, CancellationToken cancellationToken) =>
        RunAsync(check, templatePath: null, cancellationToken);

    /// <param name="check">lint, transform, refs or idempotency-key.</param>
    /// <param name="templatePath">Another template to check instead of the repository's template.yaml.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static Task<ProcessResult> RunAsync(string check, string? templatePath, CancellationToken cancellationToken)
    {
        ProcessRunner.RequireTool("python3");
        ProcessRunner.RequireTool("cfn-lint");
        var environment = templatePath is null
            ? null
            : new Dictionary<string, string> { ["CHECK_TEMPLATE"] = templatePath };
        return ProcessRunner.RunAsync("python3", ["scripts/template_checks.py", check], environment, cancellationToken);
    }

    /// <summary>Runs <paramref name="check"/> on the repository's template and asserts that it passes.</summary>
    /// <param name="check">lint, transform, refs or idempotency-key.</param>
    /// <param name="why">What a failure means, for the assertion message.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<ProcessResult> AssertPassesAsync(string check, string why, CancellationToken cancellationToken)
    {
        var result = await RunAsync(check, cancellationToken);
        result.AssertExitCode(0, why);
        return result;
    }
}
