using Stomp.Framing;

namespace Stomp;

/// <summary>
/// A STOMP transaction (BEGIN … COMMIT/ABORT). Disposing one that was neither committed nor aborted aborts it.
/// </summary>
public sealed class StompTransaction : IAsyncDisposable
{
    private readonly StompClient _client;
    private int _completed;

    internal StompTransaction(StompClient client, string id)
    {
        _client = client;
        Id = id;
    }

    public string Id { get; }

    public bool IsCompleted => Volatile.Read(ref _completed) == 1;

    /// <summary>
    /// Sends inside the transaction. By default without a receipt of its own: the COMMIT receipt confirms every
    /// send of the transaction; the task completes once the frame is written.
    /// </summary>
    public Task SendAsync(
        string destination,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        StompSendOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _client.SendAsync(
            destination, headers, body, (options ?? new StompSendOptions { Receipt = false }) with { Transaction = Id },
            cancellationToken);

    /// <summary>COMMIT and wait for its RECEIPT: every send of the transaction has then taken effect.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => CompleteAsync(StompCommands.Commit, cancellationToken);

    /// <summary>ABORT and wait for its RECEIPT: the sends are discarded.</summary>
    public Task AbortAsync(CancellationToken cancellationToken = default) => CompleteAsync(StompCommands.Abort, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (IsCompleted || !_client.IsConnected)
        {
            return;
        }

        try
        {
            await AbortAsync(CancellationToken.None);
        }
        catch (StompException)
        {
            // The connection is gone; the broker discards an open transaction with it.
        }
    }

    private Task CompleteAsync(string command, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
        {
            return Task.FromException(new InvalidOperationException($"transaction {Id} was already committed or aborted"));
        }

        return _client.CompleteTransactionAsync(command, Id, cancellationToken);
    }
}
