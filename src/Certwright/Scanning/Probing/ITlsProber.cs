namespace Certwright.Scanning.Probing;

/// <summary>Finds the protocol versions, cipher suites and groups TLS endpoints accept, with hand-built ClientHellos.</summary>
public interface ITlsProber
{
    /// <summary>Probes one endpoint. Network failures are reported in the result, never thrown.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires.</exception>
    Task<TlsProbeResult> ProbeAsync(ScanTarget target, CancellationToken cancellationToken = default);
}
