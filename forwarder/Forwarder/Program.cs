using System.CommandLine;
using Forwarder.Cli;

var root = new RootCommand("mq-forwarder: store-and-forward of ActiveMQ queues to Amazon MQ over STOMP, at least once.")
{
    RunCommand.Create(),
    VerifyCommand.Create(),
    NetworkConnectorCommand.Create(),
    SendCommand.Create(),
    RedriveCommand.Create(),
};

// The host handles SIGTERM/Ctrl-C itself and drains; System.CommandLine must not end the process first.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
