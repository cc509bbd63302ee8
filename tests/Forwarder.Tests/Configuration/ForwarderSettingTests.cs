using System.Globalization;

namespace Forwarder.Tests.Configuration;

public sealed class ForwarderSettingTests
{
    [Fact]
    public void All_EveryOptionsProperty_IsDescribedOnce()
    {
        var properties = typeof(ForwarderOptions).GetProperties().Select(p => p.Name);

        Assert.Equal(properties.Order(), ForwarderSetting.All.Select(s => s.Key).Order());
        Assert.All(ForwarderSetting.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), s.Key));
    }

    [Theory]
    [InlineData(nameof(ForwarderOptions.BatchSize), "200")]
    [InlineData(nameof(ForwarderOptions.SendMode), "Transaction")]
    [InlineData(nameof(ForwarderOptions.ReconnectInitialDelay), "1 s")]
    [InlineData(nameof(ForwarderOptions.Duplex), "false")]
    [InlineData(nameof(ForwarderOptions.ParkingQueue), "DLQ.{queue}")]
    [InlineData(nameof(ForwarderOptions.Source), null)]
    [InlineData(nameof(ForwarderOptions.Targets), null)]
    [InlineData(nameof(ForwarderOptions.TargetQueuePrefix), null)]
    public void DefaultText_IsTheInitialValue(string key, string? expected) =>
        Assert.Equal(expected, ForwarderSetting.Named(key).DefaultText);

    [Fact]
    public void Apply_Target_ReplacesTheSingleTargetSetting()
    {
        var options = TestHelpers.TestOptions.Valid();

        ForwarderSetting.Named(nameof(ForwarderOptions.Targets)).Apply(options, ["stomp://a:61613", "stomp://b:61613"]);

        Assert.Null(options.Target);
        Assert.Equal(["stomp://a:61613", "stomp://b:61613"], options.Targets);
    }

    [Fact]
    public void Apply_EveryCommandLineSetting_ParsesItsDefaultText()
    {
        foreach (var setting in ForwarderSetting.All.Where(s => s.Option is not null && s.DefaultText is not null))
        {
            var options = new ForwarderOptions();

            setting.Apply(options, [setting.DefaultText!]);

            var value = typeof(ForwarderOptions).GetProperty(setting.Key)!.GetValue(options);
            Assert.Equal(setting.DefaultText, Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The README's settings table is documentation of the same settings: it must not drift from them.</summary>
    [Fact]
    public void Readme_SettingsTable_ListsEachSettingWithItsOptionVariableAndDefault()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "forwarder-README.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .ToList();

        foreach (var setting in ForwarderSetting.All)
        {
            var row = rows.FirstOrDefault(r => r.Split('|')[1].Contains($"`{setting.Key}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"forwarder/README.md has no row for {setting.Key}");
            var cells = row.Split('|');
            Assert.True(setting.Option is null || cells[2].Contains($"`{setting.Option}`", StringComparison.Ordinal), $"{setting.Key}: option {setting.Option} missing in: {row}");
            Assert.True(setting.EnvVar is null || cells[3].Contains($"`{setting.EnvVar}`", StringComparison.Ordinal), $"{setting.Key}: variable {setting.EnvVar} missing in: {row}");
            Assert.True(setting.DefaultText is null || cells[4].Contains(setting.DefaultText, StringComparison.Ordinal), $"{setting.Key}: default {setting.DefaultText} missing in: {row}");
        }
    }
}
