namespace Functions.Runtime.Runtime;

/// <summary>The process environment, as a seam so tests can run the host without touching real variables.</summary>
public interface IEnvironmentVariables
{
    string? GetVariable(string name);

    /// <summary>Sets (or, with null, removes) a variable.</summary>
    void SetVariable(string name, string? value);
}
