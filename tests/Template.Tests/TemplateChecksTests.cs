namespace Template.Tests;

public sealed class TemplateChecksTests
{
    [Fact]
    public Task CfnLint_Template_ReportsNothing() => TemplateChecks.AssertPassesAsync(
        "lint", "cfn-lint must report nothing, warnings included.", Ct);

    [Fact]
    public async Task SamTransform_EveryParameterScenario_HasExpectedMappingRoleAndResources()
    {
        var result = await TemplateChecks.AssertPassesAsync(
            "transform", "The offline SAM transform or an assertion on its output failed.", Ct);

        Assert.Contains("ok   SAM transform + assertions: create-broker (defaults)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("ok   SAM transform + assertions: existing broker", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public Task References_CodeUriMakefileTargetsAndHandlers_Exist() => TemplateChecks.AssertPassesAsync(
        "refs", "A CodeUri, Makefile target or Handler the template names is missing.", Ct);

    [Fact]
    public Task IdempotencyTable_KeyAndTtlAttributes_MatchFunctionCode() => TemplateChecks.AssertPassesAsync(
        "idempotency-key", "The DynamoDB table and DynamoDbIdempotencyStore disagree.", Ct);

    [Fact]
    public async Task CheckTemplateScript_SkipBuild_PassesAndSaysSo()
    {
        var result = await ProcessRunner.RunScriptAsync("scripts/check-template.sh", ["--skip-build"], Ct);

        result.AssertExitCode(0);
        Assert.Contains("check-template: all checks passed", result.StdOut, StringComparison.Ordinal);
    }
}
