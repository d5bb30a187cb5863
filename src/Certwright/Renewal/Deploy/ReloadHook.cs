using Certwright.Internal;

namespace Certwright.Renewal.Deploy;

/// <summary>The outcome of a reload command: exit code 0 is success; <paramref name="Output"/> is its last output lines, for the report.</summary>
public sealed record ReloadResult(bool Succeeded, int? ExitCode, bool TimedOut, string Output);

/// <summary>
/// Runs the command that makes a service pick up a deployed certificate (<c>nginx -s reload</c>, <c>systemctl reload
/// nginx</c>) through <c>/bin/sh -c</c>, with a time limit; its output is kept bounded for the report.
/// </summary>
public static class ReloadHook
{
    public static async Task<ReloadResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await ShellCommand.RunAsync(command, environment: null, timeout, cancellationToken);
        return new ReloadResult(result.Succeeded, result.ExitCode, result.TimedOut, result.Output);
    }
}
