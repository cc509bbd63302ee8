namespace Harness;

/// <summary>Finds the repository checkout (the folder holding <c>Serverless.sln</c>) from the running binaries (tests, benchmarks, the local pipeline).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>Absolute path of a file under the repository, e.g. <c>RepositoryRoot.File("scripts/broker.sh")</c>.</summary>
    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Serverless.sln not found in any parent of {AppContext.BaseDirectory}; run the tests from the repository checkout.");
    }
}
