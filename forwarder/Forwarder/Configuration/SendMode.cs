namespace Forwarder.Configuration;

/// <summary>How the agent learns that the target broker has stored what it sent.</summary>
internal enum SendMode
{
    /// <summary>BEGIN, <c>BatchSize</c> SENDs, COMMIT with a receipt: one fsync per batch on the target.</summary>
    Transaction,

    /// <summary>Every SEND carries a receipt; up to <c>BatchSize</c> receipts outstanding: one fsync per message.</summary>
    Receipts,
}
