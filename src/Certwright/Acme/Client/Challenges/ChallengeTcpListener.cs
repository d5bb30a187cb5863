using System.Net;
using System.Net.Sockets;

namespace Certwright.Acme.Client.Challenges;

/// <summary>
/// A small TCP accept loop for the built-in challenge listeners: each connection is served by a handler with a time
/// limit, at most a few at once; started on first use, stopped on dispose.
/// </summary>
internal sealed class ChallengeTcpListener : IAsyncDisposable
{
    private const int MaxConcurrentConnections = 16;
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

    private readonly IPEndPoint _endpoint;
    private readonly string _purpose;
    private readonly Func<Stream, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrentConnections);
    private TcpListener? _listener;
    private Task? _loop;

    public ChallengeTcpListener(IPEndPoint endpoint, string purpose, Func<Stream, CancellationToken, Task> handle)
    {
        _endpoint = endpoint;
        _purpose = purpose;
        _handle = handle;
    }

    /// <exception cref="CertwrightException">Usage: the port is in use or needs privileges.</exception>
    public void EnsureStarted()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(_endpoint);
        try
        {
            listener.Start(backlog: 64);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new CertwrightException(
                ErrorKind.Usage,
                $"cannot listen on {_endpoint} for {_purpose} ({e.SocketErrorCode}); free the port, allow binding it (root or CAP_NET_BIND_SERVICE), or choose another challenge",
                e);
        }

        _listener = listener;
        _loop = AcceptLoopAsync(listener);
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                await _slots.WaitAsync(_stop.Token);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by dispose.
        }
        catch (ObjectDisposedException)
        {
            // Stopped by dispose.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            limit.CancelAfter(ConnectionTimeout);
            try
            {
                await using var stream = client.GetStream();
                await _handle(stream, limit.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // One validator connection failing (reset, timeout, TLS without our protocol) is the validator's business.
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        if (_loop is not null)
        {
            await _loop;
        }

        _listener?.Dispose();
        _stop.Dispose();
        _slots.Dispose();
    }
}
