namespace Stomp.Framing;

/// <summary>STOMP 1.2 frame commands (client and server).</summary>
internal static class StompCommands
{
    public const string Connect = "CONNECT";
    public const string Stomp = "STOMP";
    public const string Connected = "CONNECTED";
    public const string Send = "SEND";
    public const string Subscribe = "SUBSCRIBE";
    public const string Unsubscribe = "UNSUBSCRIBE";
    public const string Ack = "ACK";
    public const string Nack = "NACK";
    public const string Begin = "BEGIN";
    public const string Commit = "COMMIT";
    public const string Abort = "ABORT";
    public const string Disconnect = "DISCONNECT";
    public const string Message = "MESSAGE";
    public const string Receipt = "RECEIPT";
    public const string Error = "ERROR";

    /// <summary>CONNECT and CONNECTED headers are never escaped (STOMP 1.2 "Value Encoding").</summary>
    public static bool UsesEscaping(string command) => command is not (Connect or Stomp or Connected);
}
