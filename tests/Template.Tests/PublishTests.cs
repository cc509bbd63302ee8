using System.Runtime.Versioning;

namespace Template.Tests;

// Native AOT for Lambda is built on Linux only (no cross-OS AOT), so these tests are Linux-only too.
[SupportedOSPlatform("linux")]
public sealed class PublishTests(PublishFixture publish) : IClassFixture<PublishFixture>
{
    private const string X64Machine = "Advanced Micro Devices X86-64";

    [Fact]
    public async Task MakeBuild_DefaultRid_ArtifactsDirHoldsOnlyAnExecutableX64Bootstrap()
    {
        publish.MakeBuild.AssertExitCode(0, "make build-OrdersFunction failed.");
        var bootstrap = Path.Combine(publish.SamArtifactsDirectory, "bootstrap");

        Assert.Equal(["bootstrap"], Directory.GetFileSystemEntries(publish.SamArtifactsDirectory).Select(Path.GetFileName));
        Assert.True(File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute), $"{bootstrap} is not executable");
        Assert.Equal(X64Machine, await Elf.MachineAsync(bootstrap, Ct));
    }

    [Fact]
    public async Task CheckGlibc_X64AotBootstrap_NeedsAtMost234()
    {
        publish.MakeBuild.AssertExitCode(0, "make build-OrdersFunction failed.");

        var result = await RunCheckGlibcAsync(Path.Combine(publish.SamArtifactsDirectory, "bootstrap"));

        result.AssertExitCode(0, "The x64 bootstrap needs a glibc newer than Lambda's 2.34.");
    }

    [Fact]
    public async Task Arm64Publish_CrossCompiled_IsAnAArch64ExecutableWithinGlibc234()
    {
        publish.Arm64Publish.AssertExitCode(0, "The linux-arm64 publish failed.");
        var bootstrap = Path.Combine(publish.Arm64Directory, "bootstrap");

        Assert.Equal("AArch64", await Elf.MachineAsync(bootstrap, Ct));
        var glibc = await RunCheckGlibcAsync(bootstrap);
        glibc.AssertExitCode(0, "The arm64 bootstrap needs a glibc newer than Lambda's 2.34.");
    }

    [Fact]
    public async Task JitPublish_Default_IsASelfContainedApphostNamedBootstrap()
    {
        publish.JitPublish.AssertExitCode(0, "The JIT publish failed.");

        Assert.True(File.Exists(Path.Combine(publish.JitDirectory, "bootstrap.dll")), "the JIT build has no bootstrap.dll next to its apphost");
        Assert.True(File.Exists(Path.Combine(publish.JitDirectory, "libcoreclr.so")), "the JIT build is not self-contained (no libcoreclr.so)");
        Assert.Equal(X64Machine, await Elf.MachineAsync(Path.Combine(publish.JitDirectory, "bootstrap"), Ct));
    }

    private static Task<ProcessResult> RunCheckGlibcAsync(string binary) =>
        ProcessRunner.RunScriptAsync("scripts/check-glibc.sh", [binary], Ct);
}
