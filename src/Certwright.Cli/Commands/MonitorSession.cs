using Certwright.Cli.Output;
using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Validation;

namespace Certwright.Cli.Commands;

/// <summary>
/// What running the scheduled checks needs, built once for <c>monitor</c> and for <c>serve</c> (which runs the same
/// checks beside its HTTP server): trust store, scanner, revocation checker and prober shared by every check, and
/// the runner that records each result and prints its line.
/// </summary>
internal sealed class MonitorSession : IDisposable
{
    private readonly RevocationChecker? _revocation;
    private readonly TlsProber? _prober;

    private MonitorSession(MonitorRunner runner, RevocationChecker? revocation, TlsProber? prober)
    {
        Runner = runner;
        _revocation = revocation;
        _prober = prober;
    }

    public MonitorRunner Runner { get; }

    /// <param name="context">The CLI's stores and clock.</param>
    /// <param name="configuration">certwright.yaml's defaults (trust, timeouts, policy, history).</param>
    /// <param name="plan">The checks; decides the scanner's concurrency and whether a prober is needed.</param>
    /// <param name="caFile">--ca-file, which overrides the configuration's ca-file; null for none.</param>
    /// <param name="checkRevocation">False for --no-revocation.</param>
    /// <param name="checkIntermediates">--check-intermediates: the intermediates' revocation too.</param>
    /// <param name="output">Receives one line per recorded result (synchronized: checks finish concurrently).</param>
    /// <param name="cancellationToken">Stops loading the trust store.</param>
    /// <param name="drainTimeout">How long a stopping run waits for checks in flight; null for <see cref="MonitorRunner.DefaultDrainTimeout"/>.</param>
    public static async Task<MonitorSession> OpenAsync(
        CliContext context,
        MonitorConfiguration configuration,
        MonitorPlan plan,
        string? caFile,
        bool checkRevocation,
        bool checkIntermediates,
        TextWriter output,
        CancellationToken cancellationToken,
        TimeSpan? drainTimeout = null)
    {
        var defaults = configuration.Defaults;
        var anchors = caFile ?? defaults.CaFile;
        var trustStore = anchors is not null
            ? await TrustStore.LoadFileAsync(anchors, cancellationToken)
            : await TrustStore.LoadSystemAsync(cancellationToken);
        var scannerOptions = new EndpointScannerOptions { MaxConcurrency = plan.Concurrency, TotalTimeout = defaults.Timeout };
        scannerOptions.ConnectTimeout = Min(scannerOptions.ConnectTimeout, defaults.Timeout);
        scannerOptions.HandshakeTimeout = Min(scannerOptions.HandshakeTimeout, defaults.Timeout);
        var inventory = await context.OpenStoreAsync(cancellationToken);
        var monitorStore = await context.OpenMonitorStoreAsync(cancellationToken);
        var scanner = new EndpointScanner(scannerOptions, context.TimeProvider);
        // One revocation checker and one prober for the whole run: their caches (OCSP answers, CRLs) span checks.
        var revocation = checkRevocation ? new RevocationChecker(new RevocationOptions { CacheDirectory = RevocationCache.Directory(context) }, context.TimeProvider) : null;
        var prober = plan.Checks.Any(c => c.Probe) ? new TlsProber(new TlsProberOptions(), context.TimeProvider) : null;
        var checker = new EndpointChecker(scanner, new ChainValidator(), context.TimeProvider, inventory) { Revocation = revocation };
        var runner = new MonitorRunner(checker, scanner, monitorStore, inventory, trustStore, context.TimeProvider)
        {
            Prober = prober,
            CertificatePolicy = defaults.CertificatePolicy,
            HistoryRetention = defaults.KeepHistory,
            CheckIntermediateRevocation = checkRevocation && checkIntermediates,
            ResultRecorded = result => output.WriteLine(Line(result)),
            DrainTimeout = drainTimeout ?? MonitorRunner.DefaultDrainTimeout,
        };
        return new MonitorSession(runner, revocation, prober);
    }

    /// <summary>The line printed for a result: time, target, status, and the worst finding above info (or the error).</summary>
    public static string Line(CheckResult result)
    {
        var worst = result.Findings.Count > 0 && result.Findings[0].Severity > Policy.Severity.Info ? result.Findings[0] : null;
        var status = TargetJsonWriter.StatusName(result.Status).ToUpperInvariant();
        var detail = result.Status == CheckStatus.Failed
            ? result.Error ?? worst?.Message ?? "-"
            : worst is null ? "-" : $"{worst.Code}: {worst.Message}";
        return ConsoleTable.Sanitize($"{JsonOutput.FormatTime(result.CheckedAt)}  {result.Target}  {status}  {detail}");
    }

    public void Dispose()
    {
        _revocation?.Dispose();
        _prober?.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
