using Certwright.Policy;

namespace Certwright.Cli.Output;

/// <summary>Severity to the Nagios plugin convention: OK 0, WARNING 1, CRITICAL 2 (UNKNOWN 3 is for errors).</summary>
internal static class NagiosStatus
{
    public static int ExitCode(Severity severity) => severity switch
    {
        Severity.Critical => ExitCodes.NagiosCritical,
        Severity.Warning => ExitCodes.NagiosWarning,
        _ => ExitCodes.NagiosOk,
    };

    public static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.Warning => "WARNING",
        _ => "OK",
    };
}
