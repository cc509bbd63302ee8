using Forwarder.Configuration;
using Microsoft.Extensions.Logging;

namespace Forwarder.Bridge;

/// <summary>Connection handling of the worker: each side connects, fails and backs off on its own.</summary>
internal sealed partial class ForwardingWorker
{
    private async Task<bool> TryConnectSourceAsync(CancellationToken cancellationToken)
    {
        try
        {
            _source = await _connector.ConnectSourceAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ForwarderConfigurationException)
        {
            var delay = _backoff.Delay(_sourceFailures++);
            _logger.SourceConnectFailed(_options.SourceEndpoint().ToString(), delay, ex.Message);
            await Task.Delay(delay, _time, cancellationToken);
            return false;
        }

        _sourceFailures = 0;
        _metrics.SourceUp = true;
        if (_sourceEverUp)
        {
            _metrics.Reconnected("source");
        }

        _sourceEverUp = true;
        return true;
    }

    private async Task<bool> TryConnectSinkAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        for (var tried = 0; tried < _connector.SinkEndpointCount; tried++)
        {
            try
            {
                _sink = await _connector.ConnectSinkAsync(_sinkIndex, cancellationToken);
                _sinkFailures = 0;
                _metrics.TargetUp = true;
                _metrics.TargetEndpoint = _sink.Endpoint;
                if (_sinkEverUp)
                {
                    _metrics.Reconnected("target");
                }

                _sinkEverUp = true;
                _logger.TargetConnected(_sink.Endpoint);
                return true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                errors.Add(ex.Message);
                // Fail over: the next connect tries the other endpoint (active/standby).
                _sinkIndex = (_sinkIndex + 1) % _connector.SinkEndpointCount;
            }
        }

        var delay = _backoff.Delay(_sinkFailures++);
        _logger.TargetConnectFailed(string.Join(", ", _options.TargetEndpoints()), delay, string.Join("; ", errors));
        await Task.Delay(delay, _time, cancellationToken);
        return false;
    }

    private async Task DropSourceAsync(Exception ex)
    {
        _logger.SourceLost(_pending.Count, ex);
        await AbandonInFlightAsync();
        // The broker redelivers every unacknowledged message of the closed connection.
        _pending.Clear();
        _mapped.Clear();
        _isolate = 0;
        _metrics.SourceUp = false;
        _metrics.InFlight = 0;
        var source = _source;
        _source = null;
        await DisposeQuietlyAsync(source);
    }

    private async Task DropSinkAsync()
    {
        _metrics.TargetUp = false;
        var sink = _sink;
        _sink = null;
        await DisposeQuietlyAsync(sink);
    }

    private async Task CloseAsync()
    {
        await DropSinkAsync();
        var source = _source;
        _source = null;
        _metrics.SourceUp = false;
        await DisposeQuietlyAsync(source);
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable? disposable)
    {
        if (disposable is null)
        {
            return;
        }

        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The connection is already gone; closing it can only fail in the ways listed.
        }
    }
}
