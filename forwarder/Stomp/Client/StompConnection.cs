using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Stomp.Framing;

namespace Stomp.Client;

/// <summary>
/// One STOMP byte stream: a read loop that parses and dispatches frames, one write loop (so writes never
/// interleave), an ordered outbox with a bounded window of frames awaiting RECEIPT, heart-beats and the timeouts
/// that turn a silent broker into a <see cref="StompConnectionException"/>.
/// </summary>
internal sealed class StompConnection : IAsyncDisposable
{
    // Frames written by the broker are limited only to protect memory: refusing a MESSAGE with a long header
    // would redeliver it forever.
    private readonly StompLimits _inboundLimits;
    private readonly StompLimits _outboundLimits;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly StompClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<StompFrame> _onMessage;
    private readonly Action<Exception?> _onClosed;
    private readonly Channel<Outgoing> _writeQueue =
        Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _lock = new();
    private readonly Queue<Outgoing> _heldBack = new();
    private readonly Dictionary<string, PendingReceipt> _receipts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
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
        Action<StompFrame> onMessage, Action<Exception?> onClosed)
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
        _inboundLimits = new StompLimits(Math.Max(options.MaxBodyBytes, 1024 * 1024), int.MaxValue, options.MaxBodyBytes);
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

    /// <summary>Starts sending heart-beats every <paramref name="send"/> and expecting data every <paramref name="expect"/>.</summary>
    public void StartWatchdog(TimeSpan send, TimeSpan expect)
    {
        var period = TimeSpan.FromSeconds(1);
        if (send > TimeSpan.Zero && send / 2 < period)
        {
            period = send / 2;
        }

        if (expect > TimeSpan.Zero && expect / 2 < period)
        {
            period = expect / 2;
        }

        _watchdog = Task.Run(() => WatchdogAsync(period, send, expect));
    }

    /// <summary>
    /// Serialises and queues a frame, in call order. With <paramref name="receipt"/> the task completes when the
    /// RECEIPT arrives (faults with <see cref="StompErrorException"/> on an ERROR for it); otherwise when written.
    /// Cancelling only stops the wait: a queued frame is still sent. A frame that breaks the limits faults the task
    /// with <see cref="StompFrameLimitException"/> (or <see cref="ArgumentException"/>) and nothing is queued.
    /// </summary>
    public Task EnqueueAsync(
        string command, List<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, bool contentLength,
        bool receipt, string description, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(Closed(failure));
        }

        PendingReceipt? pending = null;
        if (receipt)
        {
            pending = new PendingReceipt("r-" + Interlocked.Increment(ref _nextReceipt).ToString(System.Globalization.CultureInfo.InvariantCulture), description);
            headers.Add(new("receipt", pending.Id));
        }

        var buffer = new ArrayBufferWriter<byte>(256 + body.Length);
        try
        {
            StompFrameWriter.Write(buffer, command, headers, body, contentLength, _outboundLimits);
        }
        catch (Exception ex) when (ex is StompFrameLimitException or ArgumentException)
        {
            // Nothing was queued; report it through the task like every other outcome of a send.
            return Task.FromException(ex);
        }
        var outgoing = new Outgoing(buffer.WrittenMemory, pending,
            pending is null ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null);

        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(Closed(_failure));
            }

            if (pending is not null)
            {
                _receipts.Add(pending.Id, pending);
            }

            if (_heldBack.Count == 0 && (pending is null || _inFlight < _options.MaxInFlightReceipts))
            {
                Release(outgoing);
            }
            else
            {
                _heldBack.Enqueue(outgoing);
            }
        }

        var task = pending?.Completion.Task ?? outgoing.Written!.Task;
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    /// <summary>After this, the broker closing the socket is the expected end of a DISCONNECT, not a failure.</summary>
    public void BeginGracefulClose() => _closingGracefully = true;

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

    // Under _lock: hand the frame to the writer and, if it awaits a receipt, take a window slot.
    private void Release(Outgoing outgoing)
    {
        if (outgoing.Receipt is { } r)
        {
            _inFlight++;
            r.SentAt = _time.GetTimestamp();
        }

        _writeQueue.Writer.TryWrite(outgoing);
    }

    // Returns false when no frame awaits that receipt.
    private bool OnReceipt(string id, StompErrorException? error)
    {
        PendingReceipt? pending;
        lock (_lock)
        {
            if (!_receipts.Remove(id, out pending))
            {
                return false;
            }

            _inFlight--;
            while (_heldBack.TryPeek(out var next) && (next.Receipt is null || _inFlight < _options.MaxInFlightReceipts))
            {
                Release(_heldBack.Dequeue());
            }
        }

        if (error is null)
        {
            pending.Completion.TrySetResult();
        }
        else
        {
            pending.Completion.TrySetException(error);
        }

        return true;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_shutdown.Token);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Volatile.Write(ref _lastRead, _time.GetTimestamp());
                }

                while (StompFrameParser.TryParse(ref buffer, _inboundLimits, out var frame, out _))
                {
                    Dispatch(frame!);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Close(_closingGracefully ? null : new StompConnectionException(_connected.Task.IsCompleted
                        ? $"the broker {_options.Endpoint} closed the connection"
                        : $"{_options.Endpoint} closed the connection before answering CONNECT (is it a STOMP port?)"));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (StompProtocolException ex)
        {
            Close(new StompConnectionException($"the broker {_options.Endpoint} sent an invalid frame: {ex.Message}", ex));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Close(_closingGracefully && !HasPendingReceipts()
                ? null
                : new StompConnectionException($"reading from {_options.Endpoint} failed: {ex.Message}", ex));
        }
        catch (Exception ex)
        {
            // Whatever went wrong, a dead read loop must not leave callers waiting forever.
            Close(new StompConnectionException($"the read loop for {_options.Endpoint} failed: {ex.Message}", ex));
        }
    }

    private bool HasPendingReceipts()
    {
        lock (_lock)
        {
            return _receipts.Count > 0;
        }
    }

    private void Dispatch(StompFrame frame)
    {
        switch (frame.Command)
        {
            case StompCommands.Message:
                _onMessage(frame);
                break;
            case StompCommands.Receipt:
                _ = OnReceipt(frame.Headers.GetValueOrDefault("receipt-id") ?? "", null);
                break;
            case StompCommands.Connected:
                _connected.TrySetResult(frame);
                break;
            case StompCommands.Error:
                var error = new StompErrorException(frame.Headers, Encoding.UTF8.GetString(frame.Body.Span));
                var receiptId = error.ReceiptId;
                _logger.ErrorFrame(_options.Endpoint, receiptId ?? "(none)", error.ErrorMessage);
                if (receiptId is null || !OnReceipt(receiptId, error))
                {
                    // An ERROR that answers no receipt leaves the session in an unknown state (STOMP says the
                    // broker closes after it): end the connection so callers reconnect and nothing is assumed sent.
                    _connected.TrySetException(error);
                    Close(new StompConnectionException($"the broker {_options.Endpoint} sent ERROR: {error.ErrorMessage}", error));
                }

                break;
            default:
                _logger.UnexpectedFrame(frame.Command, _options.Endpoint);
                break;
        }
    }

    private async Task WriteLoopAsync()
    {
        var written = new List<TaskCompletionSource>();
        var reader = _writeQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_shutdown.Token))
            {
                while (reader.TryRead(out var outgoing))
                {
                    _writer.Write(outgoing.Bytes.Span);
                    if (outgoing.Written is not null)
                    {
                        written.Add(outgoing.Written);
                    }

                    if (_writer.UnflushedBytes >= 256 * 1024)
                    {
                        await FlushAsync(written);
                    }
                }

                await FlushAsync(written);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Close(new StompConnectionException($"writing to {_options.Endpoint} failed: {ex.Message}", ex));
        }
        finally
        {
            foreach (var w in written)
            {
                w.TrySetException(Closed(Failure ?? new StompConnectionException("the connection was closed")));
            }
        }
    }

    private async Task FlushAsync(List<TaskCompletionSource> written)
    {
        await _writer.FlushAsync(_shutdown.Token);
        Volatile.Write(ref _lastWrite, _time.GetTimestamp());
        foreach (var w in written)
        {
            w.TrySetResult();
        }

        written.Clear();
    }

    private async Task WatchdogAsync(TimeSpan period, TimeSpan send, TimeSpan expect)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token))
            {
                if (send > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _lastWrite)) >= send / 2)
                {
                    _writeQueue.Writer.TryWrite(new Outgoing(StompFrameWriter.HeartBeat, null, null));
                }

                // STOMP asks for tolerance on the incoming side. ActiveMQ writes a keep-alive only when its previous
                // check period saw no write, so its heart-beats come up to two periods apart (measured); add 1 s of jitter.
                var silent = _time.GetElapsedTime(Volatile.Read(ref _lastRead));
                if (expect > TimeSpan.Zero && silent > (expect * 2) + TimeSpan.FromSeconds(1))
                {
                    Close(new StompConnectionException(
                        $"nothing received from {_options.Endpoint} for {silent.TotalSeconds:0.#} s (heart-beat expected every {expect.TotalSeconds:0.#} s)"));
                    return;
                }

                if (OldestOverdueReceipt() is { } overdue)
                {
                    Close(new StompConnectionException(
                        $"no RECEIPT from {_options.Endpoint} for {overdue.Description} within {_options.ReceiptTimeout.TotalSeconds:0.#} s"));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
    }

    private PendingReceipt? OldestOverdueReceipt()
    {
        lock (_lock)
        {
            foreach (var r in _receipts.Values)
            {
                if (r.SentAt is { } sent && _time.GetElapsedTime(sent) > _options.ReceiptTimeout)
                {
                    return r;
                }
            }
        }

        return null;
    }
}
