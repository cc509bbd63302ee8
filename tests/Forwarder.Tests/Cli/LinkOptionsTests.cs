using System.CommandLine;

namespace Forwarder.Tests.Cli;

public sealed class LinkOptionsTests
{
    [Theory]
    [InlineData("--batch-size", "(default 200; env FORWARDER_BATCH_SIZE; config Forwarder:BatchSize)")]
    [InlineData("--send-mode", "(default Transaction; env FORWARDER_SEND_MODE; config Forwarder:SendMode)")]
    [InlineData("--source", "(env FORWARDER_SOURCE; config Forwarder:Source)")]
    [InlineData("--include", "; repeatable, the variable takes a comma-separated list (env FORWARDER_INCLUDE; config Forwarder:StaticallyIncludedDestinations)")]
    public void Help_EachOption_EndsWithDefaultVariableAndKey(string option, string ending)
    {
        var command = new Command("run");
        new LinkOptions().AddTo(command);

        var description = command.Options.Single(o => o.Name == option).Description;

        Assert.EndsWith(ending, description, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Passwords_NotOnTheCommandLine()
    {
        var command = new Command("run");
        new LinkOptions().AddTo(command);

        Assert.DoesNotContain(command.Options, o => o.Name.EndsWith("-password", StringComparison.Ordinal));
    }
}
