using System.Diagnostics;

namespace Certwright.Internal;

/// <summary>The outcome of a shell command: exit code, whether the time limit killed it, and its last output (bounded).</summary>
internal sealed record ShellCommandResult(int? ExitCode, bool TimedOut, string Output)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs a user's command line through <c>/bin/sh -c</c> with extra environment variables and a time limit; the whole
/// process tree is killed at the limit. Shared by reload hooks and ACME dns-01 hooks.
/// </summary>
internal static class ShellCommand
{
    private const int MaxOutputChars = 2000;

    public static async Task<ShellCommandResult> RunAsync(
        string command, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new CertwrightException(ErrorKind.Usage, $"cannot start command '{command}'");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new ShellCommandResult(null, true, Tail(await stdout + await stderr));
        }

        return new ShellCommandResult(process.ExitCode, false, Tail(await stdout + await stderr));
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxOutputChars ? trimmed : trimmed[^MaxOutputChars..];
    }
}
