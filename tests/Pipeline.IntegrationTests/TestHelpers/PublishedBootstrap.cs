using System.Diagnostics;
using Testing;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>
/// The real function, published once per test run with scripts/publish-functions.sh (JIT: the same code as the
/// Native AOT build, quicker to publish) into its own folder, or the one named by <c>PIPELINE_BOOTSTRAP</c>.
/// </summary>
internal static class PublishedBootstrap
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    public static async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_BOOTSTRAP") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"PIPELINE_BOOTSTRAP names '{given}', which does not exist", given);
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_path is not null)
            {
                return _path;
            }

            var root = RepositoryRoot.Path;
            var outDir = Path.Combine(root, "artifacts", "pipeline-tests", "bootstrap-jit");
            var bootstrap = Path.Combine(outDir, "bootstrap");
            if (!File.Exists(bootstrap) || IsStale(Path.Combine(root, "functions"), File.GetLastWriteTimeUtc(bootstrap)))
            {
                var info = new ProcessStartInfo(Path.Combine(root, "scripts", "publish-functions.sh"))
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    WorkingDirectory = root,
                };
                foreach (var a in new[] { "--jit", "--out", outDir, "--work", Path.Combine(root, "artifacts", "pipeline-tests", "publish") })
                {
                    info.ArgumentList.Add(a);
                }

                using var publish = Process.Start(info)!;
                var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
                await publish.WaitForExitAsync(cancellationToken);
                Assert.True(publish.ExitCode == 0, $"scripts/publish-functions.sh --jit failed (exit {publish.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            return _path = bootstrap;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsStale(string sources, DateTime built) =>
        Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > built);
}
