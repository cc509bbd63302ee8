namespace Template.Tests;

/// <summary>
/// Publishes the functions once per test run, each build in its own temporary folders: linux-x64 through
/// <c>make build-OrdersFunction ARTIFACTS_DIR=…</c> exactly as <c>sam build</c> calls it, linux-arm64 (cross-compiled)
/// and the JIT build through <c>scripts/publish-functions.sh</c>. Results are kept, not thrown, so each test can
/// report the failing command's output.
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("template-tests-publish-").FullName;

    internal string SamArtifactsDirectory => Path.Combine(_root, "sam-artifacts");

    internal string Arm64Directory => Path.Combine(_root, "arm64");

    internal string JitDirectory => Path.Combine(_root, "jit");

    internal ProcessResult MakeBuild { get; private set; } = null!;

    internal ProcessResult Arm64Publish { get; private set; } = null!;

    internal ProcessResult JitPublish { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ProcessRunner.RequireTool("make");
        ProcessRunner.RequireTool("readelf");
        ProcessRunner.RequireTool("clang");
        Directory.CreateDirectory(SamArtifactsDirectory);
        var work = Path.Combine(_root, "work");

        // One after the other: the machine has two cores and the AOT compiler uses both.
        MakeBuild = await ProcessRunner.RunAsync(
            "make",
            ["--no-print-directory", "build-OrdersFunction", $"ARTIFACTS_DIR={SamArtifactsDirectory}", $"PUBLISH_FLAGS=--work {work}-x64"],
            null,
            CancellationToken.None);
        Arm64Publish = await ProcessRunner.RunAsync(
            "bash",
            ["scripts/publish-functions.sh", "--rid", "linux-arm64", "--out", Arm64Directory, "--work", work + "-arm64"],
            null,
            CancellationToken.None);
        JitPublish = await ProcessRunner.RunAsync(
            "bash",
            ["scripts/publish-functions.sh", "--jit", "--out", JitDirectory, "--work", work + "-jit"],
            null,
            CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
