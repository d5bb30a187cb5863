using System.Diagnostics;

namespace Certwright.Renewal.Deploy;

/// <summary>The outcome of a reload command: exit code 0 is success; <paramref name="Output"/> is its last output lines, for the report.</summary>
public sealed record ReloadResult(bool Succeeded, int? ExitCode, bool TimedOut, string Output);

/// <summary>
/// Runs the command that makes a service pick up a deployed certificate (<c>nginx -s reload</c>, <c>systemctl reload
/// nginx</c>) through <c>/bin/sh -c</c>, with a time limit; its output is kept bounded for the report.
/// </summary>
public static class ReloadHook
{
    private const int MaxOutputChars = 2000;

    public static async Task<ReloadResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info) ?? throw new CertwrightException(ErrorKind.Usage, $"cannot start reload command '{command}'");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new ReloadResult(false, null, true, Tail(await stdout + await stderr));
        }

        var output = Tail(await stdout + await stderr);
        return new ReloadResult(process.ExitCode == 0, process.ExitCode, false, output);
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxOutputChars ? trimmed : trimmed[^MaxOutputChars..];
    }
}
