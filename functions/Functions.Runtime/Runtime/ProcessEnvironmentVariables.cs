namespace Functions.Runtime.Runtime;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static ProcessEnvironmentVariables Instance { get; } = new();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public void SetVariable(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
