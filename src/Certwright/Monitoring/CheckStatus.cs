namespace Certwright.Monitoring;

/// <summary>The outcome of one scheduled check, as recorded in its history.</summary>
public enum CheckStatus
{
    /// <summary>Checked; nothing worse than informational findings.</summary>
    Ok,

    /// <summary>Checked; the worst finding is a warning.</summary>
    Warning,

    /// <summary>Checked; the worst finding is critical.</summary>
    Critical,

    /// <summary>The check could not be done: the endpoint was unreachable, the handshake or STARTTLS failed, or the import failed.</summary>
    Failed,
}

/// <summary>What a check looked at.</summary>
public enum CheckKind
{
    /// <summary>A TLS endpoint target.</summary>
    Endpoint,

    /// <summary>A watched set of files and directories.</summary>
    Directory,
}
