using System.Text.RegularExpressions;

namespace Template.Tests;

/// <summary>
/// Every relative link of the operator documentation (README.md, forwarder/README.md, docs/*.md) leads to a file of
/// the repository: a guide that points at a missing file is where an operator stops.
/// </summary>
public sealed partial class DocumentationLinksTests
{
    public static TheoryData<string> Documents() => [.. DocumentPaths()];

    [Theory]
    [MemberData(nameof(Documents))]
    public void RelativeLinks_EveryTarget_IsAFileOfTheRepository(string document)
    {
        var path = RepositoryRoot.File(document);
        var dead = MarkdownLink().Matches(File.ReadAllText(path))
            .Select(m => m.Groups["target"].Value)
            .Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith('#') && !t.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(t => t.Split('#')[0])
            .Where(t => !File.Exists(Path.Combine(Path.GetDirectoryName(path)!, t)) && !Directory.Exists(Path.Combine(Path.GetDirectoryName(path)!, t)))
            .ToList();

        Assert.True(dead.Count == 0, $"{document} links to files that do not exist: {string.Join(", ", dead)}");
    }

    [Fact]
    public void Documents_IncludeTheDeployGuide() =>
        Assert.Contains(Path.Combine("docs", "deploy.md"), DocumentPaths());

    private static IEnumerable<string> DocumentPaths() =>
    [
        "README.md",
        Path.Combine("forwarder", "README.md"),
        .. Directory.GetFiles(RepositoryRoot.File("docs"), "*.md").Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)),
    ];

    // [text](target) and [text](target "title"); images too.
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();
}
