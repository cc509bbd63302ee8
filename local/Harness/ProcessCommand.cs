namespace Harness;

/// <summary>What <see cref="ChildProcess"/> starts: a program, its arguments, changes to the inherited environment and the working folder.</summary>
/// <param name="FileName">The program: a path, or a name looked up on PATH.</param>
/// <param name="Arguments">Passed as they are (no shell quoting).</param>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Added to the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Inherited variables whose names this matches are removed before <see cref="Environment"/> is applied, so that
    /// nothing from the caller's shell leaks into the child (e.g. <c>AWS_*</c> into a function).
    /// </summary>
    public Func<string, bool>? DropInherited { get; init; }

    /// <summary>The child's current folder; the caller's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The command line, for messages.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
