namespace Harness;

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
        var command = new ProcessCommand(
            RepositoryRoot.File("scripts/publish-functions.sh"),
            ["--out", output, "--work", RepositoryRoot.File("artifacts/tests/publish-aot")])
        {
            WorkingDirectory = RepositoryRoot.Path,
        };
        var result = await ChildProcess.RunAsync(command, TimeSpan.FromMinutes(10), cancellationToken);
        result.ThrowIfFailed("Native AOT needs clang and zlib: scripts/prereqs.sh");
        return System.IO.Path.Combine(output, "bootstrap");
    }
}
