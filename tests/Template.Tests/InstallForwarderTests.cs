using System.Runtime.Versioning;

namespace Template.Tests;

/// <summary>
/// scripts/install-forwarder.sh into a temporary root: the binary, its README, the unit and the configuration land
/// where the unit expects them, with the owners and modes docs/deploy.md lists, and systemd accepts the unit.
/// </summary>
[SupportedOSPlatform("linux")] // a systemd service
public sealed class InstallForwarderTests : IDisposable
{
    // A system account every Debian machine has, so ownership is checked without creating a user on the machine.
    private const string ServiceUser = "daemon";

    private readonly string _dir = Directory.CreateTempSubdirectory("install-forwarder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Install_IntoTemporaryRoot_PutsEveryFileWithItsModeAndAValidUnit()
    {
        var (root, arguments) = await PrepareAsync();

        var result = await InstallAsync(arguments);

        result.AssertExitCode(0);
        const UnixFileMode rwxr_xr_x = (UnixFileMode)0b111_101_101, rw_r__r__ = (UnixFileMode)0b110_100_100;
        const UnixFileMode rwxr_x___ = (UnixFileMode)0b111_101_000, rw_r_____ = (UnixFileMode)0b110_100_000;
        AssertMode(root, "opt/mq-forwarder/forwarder", rwxr_xr_x);
        AssertMode(root, "opt/mq-forwarder/README.md", rw_r__r__);
        AssertMode(root, "etc/systemd/system/mq-forwarder.service", rw_r__r__);
        AssertMode(root, "etc/mq-forwarder", rwxr_x___);
        AssertMode(root, "etc/mq-forwarder/appsettings.json", rw_r_____);
        Assert.Equal(await File.ReadAllTextAsync(RepositoryRoot.File("forwarder/deploy/appsettings.json"), Ct), await File.ReadAllTextAsync(Path.Combine(root, "etc/mq-forwarder/appsettings.json"), Ct));
        var unit = await File.ReadAllTextAsync(Path.Combine(root, "etc/systemd/system/mq-forwarder.service"), Ct);
        Assert.Contains($"User={ServiceUser}\n", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/opt/mq-forwarder/forwarder run --config /etc/mq-forwarder/appsettings.json\n", unit, StringComparison.Ordinal);
        if (Environment.UserName == "root")
        {
            // The agent reads its configuration through the group; only root may change it.
            var group = (await ProcessRunner.RunAsync("id", ["-gn", ServiceUser], null, Ct)).StdOut.Trim();
            var owners = await ProcessRunner.RunAsync("stat", ["-c", "%U:%G", Path.Combine(root, "etc/mq-forwarder"), Path.Combine(root, "etc/mq-forwarder/appsettings.json")], null, Ct);
            Assert.Equal($"root:{group}\nroot:{group}\n", owners.StdOut);
        }

        await AssertUnitVerifiesAsync(root, unit);
    }

    [Fact]
    public async Task Install_Twice_KeepsTheOperatorsConfiguration()
    {
        var (root, arguments) = await PrepareAsync();
        (await InstallAsync(arguments)).AssertExitCode(0);
        var config = Path.Combine(root, "etc/mq-forwarder/appsettings.json");
        await File.WriteAllTextAsync(config, """{"Forwarder":{"Name":"edited"}}""", Ct);

        var again = await InstallAsync(arguments);

        again.AssertExitCode(0);
        Assert.Equal("""{"Forwarder":{"Name":"edited"}}""", await File.ReadAllTextAsync(config, Ct));
        Assert.Contains("kept the existing", again.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--root", "/nonexistent/dir", "--root '/nonexistent/dir' is not a directory")]
    [InlineData("--user", "Bad User", "--user 'Bad User' is not a valid user name")]
    [InlineData("--binary", "/nonexistent/forwarder", "--binary '/nonexistent/forwarder' is not an executable file")]
    [InlineData("--frobnicate", "x", "unknown option '--frobnicate'")]
    public async Task Install_BadArgument_ExitsTwoNamingIt(string option, string value, string expected)
    {
        string[] arguments = option == "--root" ? [option, value] : ["--root", _dir, option, value];

        var result = await InstallAsync(arguments);

        result.AssertExitCode(2);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> InstallAsync(IReadOnlyList<string> arguments) =>
        ProcessRunner.RunScriptAsync("scripts/install-forwarder.sh", arguments, Ct);

    /// <summary>An empty root and a stand-in binary (the script copies it, never runs it), with the arguments naming them.</summary>
    private async Task<(string Root, string[] Arguments)> PrepareAsync()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        var binary = Path.Combine(_dir, "forwarder");
        await File.WriteAllTextAsync(binary, "#!/bin/sh\nexit 0\n", Ct);
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (root, ["--root", root, "--binary", binary, "--user", ServiceUser]);
    }

    /// <summary>
    /// systemd-analyze verify on the installed unit, its ExecStart pointed at the installed binary (verify checks
    /// that the command exists, and the temporary root has no systemd of its own for <c>--root</c>).
    /// </summary>
    private async Task AssertUnitVerifiesAsync(string root, string unit)
    {
        ProcessRunner.RequireTool("systemd-analyze");
        var check = Directory.CreateDirectory(Path.Combine(_dir, "verify")).FullName;
        var copy = Path.Combine(check, "mq-forwarder.service");
        await File.WriteAllTextAsync(copy, unit.Replace("ExecStart=/opt/", $"ExecStart={root}/opt/", StringComparison.Ordinal), Ct);

        var result = await ProcessRunner.RunAsync("systemd-analyze", ["verify", copy], null, Ct);

        result.AssertExitCode(0, "systemd rejects the installed unit.");
        Assert.True(result.StdErr.Trim().Length == 0, $"systemd-analyze verify warned about the unit:\n{result.StdErr}");
    }

    private static void AssertMode(string root, string path, UnixFileMode expected)
    {
        var full = Path.Combine(root, path);
        Assert.True(File.Exists(full) || Directory.Exists(full), $"{path} was not installed");
        Assert.Equal(expected, File.GetUnixFileMode(full) & (UnixFileMode)0b111_111_111);
    }
}
