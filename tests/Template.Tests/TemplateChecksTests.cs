namespace Template.Tests;

public sealed class TemplateChecksTests
{
    [Fact]
    public async Task CfnLint_Template_ReportsNothing()
    {
        var result = await TemplateChecks.RunAsync("lint", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, "cfn-lint must report nothing, warnings included. " + result.Describe());
    }

    [Fact]
    public async Task SamTransform_EveryParameterScenario_HasExpectedMappingRoleAndResources()
    {
        var result = await TemplateChecks.RunAsync("transform", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, "The offline SAM transform or an assertion on its output failed. " + result.Describe());
        Assert.Contains("ok   SAM transform + assertions: create-broker (defaults)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("ok   SAM transform + assertions: existing broker", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task References_CodeUriMakefileTargetsAndHandlers_Exist()
    {
        var result = await TemplateChecks.RunAsync("refs", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, "A CodeUri, Makefile target or Handler the template names is missing. " + result.Describe());
    }

    [Fact]
    public async Task IdempotencyTable_KeyAndTtlAttributes_MatchFunctionCode()
    {
        var result = await TemplateChecks.RunAsync("idempotency-key", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, "The DynamoDB table and DynamoDbIdempotencyStore disagree. " + result.Describe());
    }

    [Fact]
    public async Task CheckTemplateScript_SkipBuild_PassesAndSaysSo()
    {
        var result = await ProcessRunner.RunAsync(
            "bash", ["scripts/check-template.sh", "--skip-build"], null, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("check-template: all checks passed", result.StdOut, StringComparison.Ordinal);
    }
}
