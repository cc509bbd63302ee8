namespace Stomp;

/// <summary>SUBSCRIBE <c>ack</c> modes.</summary>
public enum StompAckMode
{
    /// <summary>Each message is acknowledged on its own (<c>client-individual</c>): the mode for at-least-once.</summary>
    ClientIndividual,

    /// <summary>An ACK acknowledges the message and every earlier one of the subscription (<c>client</c>).</summary>
    Client,

    /// <summary>The broker considers a message acknowledged once sent (<c>auto</c>): it may be lost in a crash.</summary>
    Auto,
}
