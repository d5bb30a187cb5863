namespace Certwright.Scanning;

/// <summary>Connects to TLS endpoints and reports what each presented.</summary>
public interface IEndpointScanner
{
    /// <summary>Scans one endpoint. Network failures are reported in the result, never thrown.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires.</exception>
    Task<EndpointScanResult> ScanAsync(ScanTarget target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Scans many endpoints, at most <see cref="EndpointScannerOptions.MaxConcurrency"/> at once, and yields each
    /// result as soon as it is ready (not in input order). Stopping the enumeration stops the scans in flight.
    /// </summary>
    IAsyncEnumerable<EndpointScanResult> ScanManyAsync(IEnumerable<ScanTarget> targets, CancellationToken cancellationToken = default);
}
