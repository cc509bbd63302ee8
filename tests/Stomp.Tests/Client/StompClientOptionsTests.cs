namespace Stomp.Tests.Client;

public sealed class StompClientOptionsTests
{
    private static readonly Uri Endpoint = new("stomp://127.0.0.1:61613");

    [Fact]
    public void ToString_WithPasscode_PrintsEverySettingButThePassword()
    {
        var options = new StompClientOptions { Endpoint = Endpoint, Login = "app", Passcode = "s3cret-value" };

        var text = options.ToString();

        Assert.DoesNotContain("s3cret-value", text, StringComparison.Ordinal);
        Assert.Contains("Passcode = ***", text, StringComparison.Ordinal);
        Assert.Contains("Login = app", text, StringComparison.Ordinal);
        // Every public setting is printed, so a new one cannot be forgotten by the hand-written PrintMembers.
        foreach (var property in typeof(StompClientOptions).GetProperties())
        {
            Assert.Contains(property.Name + " = ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("pass\nword", "LF", 5)]
    [InlineData("pass\r", "CR", 5)]
    [InlineData("\0", "NUL", 1)]
    public void Validate_PasscodeWithLineBreakOrNul_RefusedNamingTheSettingNotTheValue(string passcode, string character, int position)
    {
        var options = new StompClientOptions { Endpoint = Endpoint, Passcode = passcode };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal("Passcode", ex.ParamName);
        Assert.Contains($"a {character} character at position {position}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pass", ex.Message.Replace("Passcode", "", StringComparison.Ordinal).Replace("password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoginWithLineBreak_Refused() =>
        Assert.Equal("Login", Assert.Throws<ArgumentException>(new StompClientOptions { Endpoint = Endpoint, Login = "a\nb" }.Validate).ParamName);
}
