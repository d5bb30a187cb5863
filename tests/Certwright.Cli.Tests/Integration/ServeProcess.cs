using System.Diagnostics;
using System.Text;
using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Integration;

/// <summary>
/// <c>certwright serve</c> running for one test: started, awaited until it prints <c>listening on URL</c> (bounded),
/// its output drained into <see cref="Output"/> (so a full pipe never stalls it), killed on dispose.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _expected;

    private ServeProcess(Process process, string url)
    {
        _process = process;
        _expected = $"listening on {url}:";
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

    /// <summary>Starts <c>serve --listen URL --key-passphrase-file F EXTRA...</c> and waits until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(CliSession session, string url, string passphraseFile, params string[] extra)
    {
        var process = session.Start(["serve", "--listen", url, "--key-passphrase-file", passphraseFile, .. extra]);
        var serve = new ServeProcess(process, url);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => serve._listening.TrySetException(new InvalidOperationException($"certwright serve exited before listening:\n{serve.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serve._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }

        return serve;
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

        if (line.StartsWith(_expected, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(bound.Token);
        }

        _process.Dispose();
    }
}
