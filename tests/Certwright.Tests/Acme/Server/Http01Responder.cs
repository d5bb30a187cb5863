using System.Net;
using System.Net.Sockets;
using System.Text;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Server;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 answering <c>GET /.well-known/acme-challenge/{token}</c> from <see cref="Answers"/>
/// (404 otherwise), one request per connection; records the Host headers it saw.
/// </summary>
internal sealed class Http01Responder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Http01Responder()
    {
        Port = FreePort.Next();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>token -> body.</summary>
    public Dictionary<string, string> Answers { get; } = [];

    public List<string> Hosts { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total));
                if (read == 0)
                {
                    return;
                }

                total += read;
                if (Encoding.ASCII.GetString(buffer, 0, total).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var lines = Encoding.ASCII.GetString(buffer, 0, total).Split("\r\n");
            var path = lines[0].Split(' ')[1];
            lock (Hosts)
            {
                Hosts.Add(lines.FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? "");
            }

            const string prefix = "/.well-known/acme-challenge/";
            string? body = null;
            lock (Answers)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Answers.TryGetValue(path[prefix.Length..], out body);
                }
            }

            var status = body is null ? "404 Not Found" : "200 OK";
            body ??= "not found";
            var response = $"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        }
    }
}
