using System.Diagnostics;

namespace Testing;

/// <summary>
/// The Native AOT <c>bootstrap</c>, published once per test run with <c>scripts/publish-functions.sh</c> (the same
/// script the Makefile and SAM use) into <c>artifacts/tests/</c>. A lock file keeps test projects run in parallel
/// from publishing into the same folder at once.
/// </summary>
public static class PublishedBootstrap
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    public static async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_path is null)
            {
                await using var crossProcessLock = await LockAsync(cancellationToken);
                _path = await PublishAsync(cancellationToken);
            }

            return _path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var path = RepositoryRoot.File("artifacts/tests/publish-aot.lock");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another test process is publishing into the same folders: wait for it to finish.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private static async Task<string> PublishAsync(CancellationToken cancellationToken)
    {
        var output = RepositoryRoot.File("artifacts/tests/functions-aot");
        var info = new ProcessStartInfo(RepositoryRoot.File("scripts/publish-functions.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var arg in new[] { "--out", output, "--work", RepositoryRoot.File("artifacts/tests/publish-aot") })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/publish-functions.sh failed with exit code {process.ExitCode} (Native AOT needs clang and zlib: scripts/prereqs.sh):\n{await stdout}\n{await stderr}");
        }

        return System.IO.Path.Combine(output, "bootstrap");
    }
}
