using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Certwright.Tests.TestSupport;

/// <summary>
/// A server process (openssl s_server, nginx...) the test starts on a loopback port and kills on dispose.
/// Readiness is read from the kernel's listen table (<c>/proc/net/tcp</c>), not by connecting:
/// some servers (openssl ocsp, s_server -naccept) are disturbed by a probe connection.
/// </summary>
public sealed class BackgroundServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundServer(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<BackgroundServer> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        int port,
        string? workingDirectory = null,
        TimeSpan? readyTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var server = new BackgroundServer(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        var limit = readyTimeout ?? TimeSpan.FromSeconds(15);
        while (!IsListening(port))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited with {process.ExitCode} before listening on {port}: {server.Output}");
            }

            if (deadline.Elapsed > limit)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{fileName} did not listen on port {port} within {limit}: {server.Output}");
            }

            await Task.Delay(20);
        }

        return server;
    }

    /// <summary>True when some socket listens on the loopback or wildcard address at this port.</summary>
    public static bool IsListening(int port)
    {
        var hexPort = port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // fields[1] = local address:port, fields[3] = state (0A = LISTEN)
                if (fields.Length > 3 && fields[3] == "0A" && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Connects once to prove the port accepts connections (for servers a probe does not disturb).</summary>
    public static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
    }
}
