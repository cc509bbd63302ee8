using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Stomp.Framing;

namespace Stomp.Client;

/// <summary>
/// One STOMP byte stream: a read loop that parses and dispatches frames, one write loop (so writes never
/// interleave), an ordered outbox with a bounded window of frames awaiting RECEIPT, heart-beats and the timeouts
/// that turn a silent broker into a <see cref="StompConnectionException"/>.
/// </summary>
internal sealed partial class StompConnection : IAsyncDisposable
{
    // Frames written by the broker keep the connection whatever their headers: refusing a MESSAGE with a long
    // header would redeliver it forever, so headers over the limits are dropped and the message marked instead.
    private readonly StompLimits _inboundLimits;
    private readonly StompLimits _outboundLimits;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly StompClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<StompFrame, ValueTask> _onMessage;
    private readonly Action<Exception?> _onClosed;
    private readonly Channel<Outgoing> _writeQueue =
        Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _lock = new();
    private readonly Queue<Outgoing> _heldBack = new();
    private readonly Dictionary<string, PendingReceipt> _receipts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly InboundBudget _budget;
    private readonly TaskCompletionSource<StompFrame> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private long _nextReceipt;
    private long _lastRead;
    private long _lastWrite;
    private Exception? _failure;
    private volatile bool _closingGracefully;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Task _watchdog = Task.CompletedTask;

    public StompConnection(
        Stream stream, StompClientOptions options, ILogger logger, TimeProvider time,
        Func<StompFrame, ValueTask> onMessage, Action<Exception?> onClosed)
    {
        _stream = stream;
        _options = options;
        _logger = logger;
        _time = time;
        _onMessage = onMessage;
        _onClosed = onClosed;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _outboundLimits = new StompLimits(options.MaxHeaderLineBytes, options.MaxHeaders, options.MaxBodyBytes);
        _inboundLimits = new StompLimits(options.MaxHeaderLineBytes, options.MaxHeaders, options.MaxBodyBytes) { DropOversizedHeaders = true };
        _budget = new InboundBudget(options.MaxUnsettledBytes ?? long.MaxValue);
        _lastRead = _lastWrite = time.GetTimestamp();
    }

    /// <summary>The CONNECTED frame; faults with <see cref="StompErrorException"/> when the broker refuses.</summary>
    public Task<StompFrame> Connected => _connected.Task;

    /// <summary>Completes when the connection ends: null after a clean close, else the reason.</summary>
    public Task<Exception?> Completion => _completion.Task;

    public bool IsOpen => Volatile.Read(ref _failure) is null;

    public Exception? Failure => Volatile.Read(ref _failure);

    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>After this, the broker closing the socket is the expected end of a DISCONNECT, not a failure.</summary>
    public void BeginGracefulClose()
    {
        _closingGracefully = true;
        // A read paused for the budget must go on to reach the DISCONNECT receipt.
        _budget.Nudge();
    }

    /// <summary>Ends the connection once: fails what is pending, completes <see cref="Completion"/>, closes the stream.</summary>
    public void Close(Exception? error)
    {
        List<PendingReceipt> receipts;
        List<Outgoing> heldBack;
        lock (_lock)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = error ?? new StompConnectionException($"the connection to {_options.Endpoint} was closed by the client");
            receipts = [.. _receipts.Values];
            heldBack = [.. _heldBack];
            _receipts.Clear();
            _heldBack.Clear();
            _inFlight = 0;
        }

        var closed = Closed(_failure);
        _writeQueue.Writer.TryComplete();
        while (_writeQueue.Reader.TryRead(out var queued))
        {
            queued.Written?.TrySetException(closed);
        }

        foreach (var o in heldBack)
        {
            o.Written?.TrySetException(closed);
        }

        foreach (var r in receipts)
        {
            r.Completion.TrySetException(closed);
        }

        _connected.TrySetException(error ?? closed);
        if (error is not null)
        {
            _logger.ConnectionLost(_options.Endpoint, error.Message, error.InnerException);
        }
        else
        {
            _logger.Disconnected(_options.Endpoint);
        }

        _onClosed(error is null ? null : closed);
        _completion.TrySetResult(error is null ? null : closed);
        _shutdown.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        try
        {
            // The loops end on the cancellation; closing the stream unblocks a read that ignores it.
            _stream.Close();
            await Task.WhenAll(_readLoop, _writeLoop, _watchdog);
            await _reader.CompleteAsync();
            await _writer.CompleteAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Expected while tearing down.
        }

        _shutdown.Dispose();
    }

    private static StompConnectionException Closed(Exception failure) =>
        failure as StompConnectionException ?? new StompConnectionException(failure.Message, failure);
}
