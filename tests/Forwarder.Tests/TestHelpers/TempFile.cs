namespace Forwarder.Tests.TestHelpers;

/// <summary>An empty temporary file, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public string Path { get; } = System.IO.Path.GetTempFileName();

    public void Dispose() => File.Delete(Path);
}
