using System.CommandLine;
using System.CommandLine.Parsing;
using Forwarder.Configuration;
using Stomp;

namespace Forwarder.Cli;

/// <summary>
/// The broker connection options of the one-shot verbs (<c>send</c>, <c>redrive</c>): broker URI, user, password file
/// (else an environment variable) and CA file, checked as options, and the STOMP client options built from them.
/// </summary>
internal sealed class BrokerClientOptions
{
    private readonly string _passwordVariable;

    public BrokerClientOptions(string brokerDescription, string userDescription, string passwordVariable)
    {
        _passwordVariable = passwordVariable;
        Broker = new("--broker", "-b") { Description = brokerDescription, Required = true };
        User = new("--user") { Description = userDescription };
        PasswordFile = new("--password-file") { Description = $"File holding the password (env {passwordVariable} otherwise)" };
        CaFile.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>() is not { } f || File.Exists(f), "is not an existing file"));
        PasswordFile.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>() is not { } f || File.Exists(f), "is not an existing file"));
    }

    public Option<string> Broker { get; }

    public Option<string?> User { get; }

    public Option<string?> PasswordFile { get; }

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "PEM CA certificate for stomp+ssl" };

    public IEnumerable<Option> All => [Broker, User, PasswordFile, CaFile];

    /// <summary>Bad values are parse errors: one line naming the option, exit code 2, before anything connects.</summary>
    public static void Check(OptionResult result, bool valid, string problem)
    {
        if (!valid)
        {
            result.AddError($"{result.Option.Name}: '{string.Join(' ', result.Tokens.Select(t => t.Value))}' {problem}");
        }
    }

    /// <summary>The <c>--broker</c> value, or null when it is no stomp:// or stomp+ssl:// URI.</summary>
    public BrokerEndpoint? Endpoint(ParseResult parse) => BrokerEndpoint.TryParse(parse.GetValue(Broker), out var endpoint) ? endpoint : null;

    public string BrokerProblem(ParseResult parse) => $"--broker: '{parse.GetValue(Broker)}' is not a stomp:// or stomp+ssl:// URI";

    /// <exception cref="IOException">The password file cannot be read or is empty.</exception>
    public StompClientOptions ClientOptions(ParseResult parse, BrokerEndpoint endpoint) => new()
    {
        Endpoint = new Uri(endpoint.ToString()),
        Login = parse.GetValue(User),
        Passcode = SecretReader.Read(Environment.GetEnvironmentVariable(_passwordVariable), parse.GetValue(PasswordFile)),
        CaCertificateFile = parse.GetValue(CaFile),
    };
}
