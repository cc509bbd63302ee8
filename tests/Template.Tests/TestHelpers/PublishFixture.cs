namespace Template.Tests.TestHelpers;

/// <summary>
/// Publishes the functions once per test run, each build in its own temporary folders: linux-x64 through
/// <c>make build-OrdersFunction ARTIFACTS_DIR=…</c> as <c>sam build</c> calls it — in a copy of the repository
/// without <c>.git</c> and build outputs, like SAM's scratch folder — then linux-arm64 (cross-compiled) and the JIT
/// build through <c>scripts/publish-functions.sh</c>. Results are kept, not thrown, so each test can report the
/// failing command's output.
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    /// <summary>Not copied to the scratch folder: what SAM leaves out, and build outputs.</summary>
    private static readonly HashSet<string> SkippedFolders =
        new(StringComparer.Ordinal) { ".git", ".aws-sam", "bin", "obj", "artifacts", "TestResults", "BenchmarkDotNet.Artifacts", ".local", ".vs" };

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

        var scratch = Path.Combine(_root, "scratch");
        CopyLikeSam(new DirectoryInfo(RepositoryRoot.Path), Directory.CreateDirectory(scratch));

        // One after the other: the machine has two cores and the AOT compiler uses both.
        MakeBuild = await ProcessRunner.RunAsync(
            "make",
            ["--no-print-directory", "-C", scratch, "build-OrdersFunction", $"ARTIFACTS_DIR={SamArtifactsDirectory}",
                $"PUBLISH_FLAGS=--work {work}-x64"],
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

    /// <summary>Copies the CodeUri folder the way SAM does (see <see cref="SkippedFolders"/>).</summary>
    private static void CopyLikeSam(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (var file in source.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(target.FullName, file.Name));
        }

        foreach (var dir in source.EnumerateDirectories().Where(d => !SkippedFolders.Contains(d.Name)))
        {
            CopyLikeSam(dir, target.CreateSubdirectory(dir.Name));
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
