using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Certwright.Tests.TestSupport;

/// <summary>
/// An in-process TCP server on a loopback port that runs a script for every connection it accepts: a
/// misbehaving peer (silent, garbage, early close) or a scripted plain-text dialogue. Stops on dispose.
/// </summary>
public sealed class ScriptedTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<ScriptedConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _accepted;

    private ScriptedTcpServer(TcpListener listener, Func<ScriptedConnection, Task> script)
    {
        _listener = listener;
        _script = script;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public static ScriptedTcpServer Start(Func<ScriptedConnection, Task> script, IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start(backlog: 512);
        return new ScriptedTcpServer(listener, script);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(RunAsync(socket));
            }
        }
    }

    private async Task RunAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await _script(new ScriptedConnection(socket, _stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // The scanner hung up or the test ended: that is the point of most scripts.
            }
        }
    }
}

/// <summary>One accepted connection as a script sees it.</summary>
public sealed class ScriptedConnection
{
    private readonly StringBuilder _pending = new();

    public ScriptedConnection(Socket socket, CancellationToken stopping)
    {
        Socket = socket;
        Stopping = stopping;
    }

    public Socket Socket { get; }

    public CancellationToken Stopping { get; }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await Socket.SendAsync(bytes, SocketFlags.None, Stopping);

    /// <summary>Reads one CRLF-terminated line the client sent.</summary>
    public async Task<string> ReadLineAsync()
    {
        var buffer = new byte[1];
        while (true)
        {
            var text = _pending.ToString();
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                _pending.Remove(0, newline + 1);
                return text[..newline].TrimEnd('\r');
            }

            if (await Socket.ReceiveAsync(buffer, SocketFlags.None, Stopping) == 0)
            {
                throw new IOException("client closed the connection");
            }

            _pending.Append((char)buffer[0]);
        }
    }

    /// <summary>Reads until the client has sent at least <paramref name="count"/> bytes (or closed).</summary>
    public async Task<int> ReadAtLeastAsync(int count)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (total < count)
        {
            var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, Stopping);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Reads and discards until the client closes or the server stops.</summary>
    public async Task DrainAsync() => await ReadAtLeastAsync(int.MaxValue);
}
