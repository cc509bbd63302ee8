using System.Text;
using Microsoft.Extensions.Logging;
using Stomp.Framing;

namespace Stomp.Client;

/// <summary>Receiving: the read loop parses frames and dispatches them; a RECEIPT (or an ERROR for one) frees a slot of the receipt window.</summary>
internal sealed partial class StompConnection
{
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

                while (StompFrameParser.TryParse(ref buffer, _inboundLimits, _parseState, out var frame, out _))
                {
                    await DispatchAsync(frame!);
                }

                ProbeIfSuspect();

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

    private async ValueTask DispatchAsync(StompFrame frame)
    {
        switch (frame.Command)
        {
            case StompCommands.Message:
                await _onMessage(frame);
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
}
