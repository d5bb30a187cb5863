namespace Certwright.Cli;

/// <summary>Process exit codes. Scripts depend on them: never renumber.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A command failed (bad input, unreachable database...). Commands with their own convention map it.</summary>
    public const int Error = 1;

    /// <summary><c>verify</c>: the certificate is not valid (as <c>openssl verify</c>).</summary>
    public const int Invalid = 2;

    /// <summary>Nagios plugin convention used by <c>scan</c> and <c>monitor --once</c>.</summary>
    public const int NagiosOk = 0;
    public const int NagiosWarning = 1;
    public const int NagiosCritical = 2;
    public const int NagiosUnknown = 3;

    /// <summary>A bug: an exception nobody expected. Reported in one line; <c>--verbose</c> shows the stack.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C / SIGTERM), as shells report 128 + SIGINT.</summary>
    public const int Interrupted = 130;
}
