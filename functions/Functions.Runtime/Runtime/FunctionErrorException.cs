using System.Text.RegularExpressions;

namespace Functions.Runtime.Runtime;

/// <summary>
/// Fails an invocation with a chosen error type, e.g. <c>Function.BatchRetry</c>, instead of one derived from the
/// exception class. The type must match <c>Function.&lt;Name&gt;</c> (letters only) so that Lambda and the Runtime
/// Interface Emulator keep it.
/// </summary>
public sealed partial class FunctionErrorException : Exception
{
    public FunctionErrorException()
        : this("Function.Error", "The function failed.")
    {
    }

    public FunctionErrorException(string message)
        : this("Function.Error", message)
    {
    }

    public FunctionErrorException(string message, Exception innerException)
        : this("Function.Error", message, innerException)
    {
    }

    public FunctionErrorException(string errorType, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(errorType);
        if (!ValidType().IsMatch(errorType))
        {
            throw new ArgumentException($"Error type '{errorType}' must look like 'Function.SomeName' (letters only after the dot).", nameof(errorType));
        }

        ErrorType = errorType;
    }

    /// <summary>The error type reported to Lambda.</summary>
    public string ErrorType { get; }

    [GeneratedRegex("^Function\\.[A-Z][a-zA-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidType();
}
