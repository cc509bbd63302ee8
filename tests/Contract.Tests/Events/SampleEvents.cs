namespace Contract.Tests.Events;

/// <summary>The files of the repository's <c>events/</c> folder, copied next to the tests.</summary>
internal static class SampleEvents
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "events");

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Folder, fileName));
}
