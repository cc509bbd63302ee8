using Forwarder.Transport;

namespace Forwarder.Tests.Transport;

public sealed class StompClientFactoryTests
{
    [Fact]
    public void Target_InlinePasswordWithLineBreak_RefusedNamingTheSettingNotTheValue()
    {
        var options = TestOptions.Valid();
        options.TargetPassword = "secret\nreceipt:x";

        var ex = Assert.Throws<ForwarderConfigurationException>(() => StompClientFactory.Target(options, options.TargetEndpoints()[0]));

        Assert.StartsWith("TargetPassword: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pw\ninner\n", false)]
    [InlineData("pw\r\n\r\n", false)]
    [InlineData("pw\0", false)]
    [InlineData("pw\n", true)]
    public void Source_PasswordFile_OneTrailingNewlineIgnoredAnyOtherBreakRefused(string content, bool accepted)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            var options = TestOptions.Valid();
            options.SourcePasswordFile = file;

            if (accepted)
            {
                Assert.Equal("pw", StompClientFactory.Source(options).Passcode);
            }
            else
            {
                var ex = Assert.Throws<ForwarderConfigurationException>(() => StompClientFactory.Source(options));
                Assert.StartsWith($"SourcePasswordFile ({file}): ", ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Source_ReceiptTimeout_TakenFromTheSetting()
    {
        var options = TestOptions.Valid();
        options.ReceiptTimeout = TimeSpan.FromMinutes(2);

        Assert.Equal(TimeSpan.FromMinutes(2), StompClientFactory.Source(options).ReceiptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), StompClientFactory.Target(options, options.TargetEndpoints()[0]).ReceiptTimeout);
    }
}
