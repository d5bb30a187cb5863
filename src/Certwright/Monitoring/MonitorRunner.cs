using Certwright.Discovery;
using Certwright.Inventory;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Validation;

namespace Certwright.Monitoring;

/// <summary>
/// Runs planned checks and records each result in the check history: endpoints through
/// <see cref="EndpointChecker"/> (scan, validate, record the chain), watched directories through
/// <see cref="CertificateImporter"/>. <see cref="RunOnceAsync"/> runs every check once; <see cref="RunAsync"/> runs
/// them on their schedules until stopped.
/// </summary>
public sealed class MonitorRunner
{
    /// <summary>How long a stopping monitor waits for checks in flight before cancelling them. <value>30 seconds.</value></summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    // Timers of more than ~49 days are not supported; the loop re-evaluates at least daily.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly EndpointChecker _checker;
    private readonly IEndpointScanner _scanner;
    private readonly IMonitorStore _store;
    private readonly IInventoryStore? _inventory;
    private readonly TrustStore _trustStore;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly SemaphoreSlim _pruning = new(1, 1);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <param name="checker">Judges and records endpoint scans (its store receives the chains).</param>
    /// <param name="scanner">Scans endpoints.</param>
    /// <param name="store">Receives every check result.</param>
    /// <param name="inventory">Where watched directories are imported; null when the plan has none.</param>
    /// <param name="trustStore">The anchors chains must reach.</param>
    /// <param name="timeProvider">The clock for schedules, timestamps and waits.</param>
    /// <param name="random">Jitter source; tests pass a seeded one.</param>
    public MonitorRunner(
        EndpointChecker checker,
        IEndpointScanner scanner,
        IMonitorStore store,
        IInventoryStore? inventory,
        TrustStore trustStore,
        TimeProvider timeProvider,
        Random? random = null)
    {
        _checker = checker;
        _scanner = scanner;
        _store = store;
        _inventory = inventory;
        _trustStore = trustStore;
        _time = timeProvider;
        _random = random ?? Random.Shared;
    }

    /// <summary>Key, signature and validity rules for presented certificates (quantum-vulnerable stays the audit's).</summary>
    public CertificatePolicyOptions CertificatePolicy { get; init; } = CertificatePolicyOptions.Default;

    /// <summary>How long check results are kept (each target's latest always stays); null keeps everything.</summary>
    public TimeSpan? HistoryRetention { get; init; } = MonitorConstants.DefaultHistoryRetention;

    /// <summary>Whether endpoint checks also check the intermediates' revocation (<see cref="EndpointCheckOptions.CheckIntermediateRevocation"/>). <value>false.</value></summary>
    public bool CheckIntermediateRevocation { get; init; }

    /// <summary>Probes protocols and cipher suites of targets whose plan asks for it; null probes none.</summary>
    public ITlsProber? Prober { get; init; }

    /// <summary>Called with each result once it is recorded (from the check's thread).</summary>
    public Action<CheckResult>? ResultRecorded { get; init; }

    /// <inheritdoc cref="DefaultDrainTimeout"/>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    /// <summary>Runs every check once, at most <see cref="MonitorPlan.Concurrency"/> at a time; returns the results in plan order.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunOnceAsync(MonitorPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = new CheckResult[plan.Checks.Count];
        await Parallel.ForAsync(
            0,
            plan.Checks.Count,
            new ParallelOptions { MaxDegreeOfParallelism = plan.Concurrency, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await CheckAsync(plan.Checks[i], token));
        return results;
    }

    /// <summary>
    /// Runs the checks on their schedules until <paramref name="stoppingToken"/> fires, then starts no new check,
    /// waits up to <see cref="DrainTimeout"/> for those in flight, and cancels the rest.
    /// </summary>
    /// <exception cref="CertwrightException">A result could not be recorded (the store's error); checks in flight are drained first.</exception>
    public async Task RunAsync(MonitorPlan plan, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var scheduler = new CheckScheduler(plan.Checks, plan.Jitter, _random, _time.GetUtcNow());
        using var gate = new SemaphoreSlim(plan.Concurrency, plan.Concurrency);
        using var abort = new CancellationTokenSource();
        var inFlight = new List<Task>();
        var wake = NewSignal();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var signal = Volatile.Read(ref wake);
                foreach (var check in scheduler.TakeDue(_time.GetUtcNow()))
                {
                    inFlight.Add(RunScheduledAsync(check));
                }

                // A check that failed to record its result (database full, locked too long) stops the monitor
                // with that error rather than letting it go on without a history.
                if (inFlight.FirstOrDefault(t => t.IsFaulted) is { } faulted)
                {
                    await faulted;
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                var wait = scheduler.NextDue is { } due ? Clamp(due - _time.GetUtcNow()) : MaxWait;
                if (wait > TimeSpan.Zero)
                {
                    using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    // The delay ends early when stopping (linked token) or when a check completes (signal).
                    await Task.WhenAny(Task.Delay(wait, _time, delay.Token), signal.Task);
                    await delay.CancelAsync();
                }
            }
        }
        finally
        {
            await DrainAsync(inFlight, abort);
        }

        async Task RunScheduledAsync(PlannedCheck check)
        {
            try
            {
                // Checks still waiting for a slot when the monitor stops do not start; those running finish
                // (they see only `abort`, fired when the drain time is up).
                await gate.WaitAsync(stoppingToken);
                try
                {
                    await CheckAsync(check, abort.Token);
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || abort.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                scheduler.Complete(check.Key, _time.GetUtcNow());
                Interlocked.Exchange(ref wake, NewSignal()).TrySetResult();
            }
        }
    }

    /// <summary>Runs one check and records its result. Failures of the check are recorded as failed results, never thrown.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires.</exception>
    public async Task<CheckResult> CheckAsync(PlannedCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var started = _time.GetTimestamp();
        var startedAt = _time.GetUtcNow();
        CheckResult result;
        try
        {
            result = check.Kind == CheckKind.Endpoint
                ? await CheckEndpointAsync(check, check.Target!, started, cancellationToken)
                : await CheckDirectoryAsync(check, check.Directory!, started, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A monitor keeps checking the other targets: any failure of this one is recorded as its failed result.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"{check.Key}: check failed: {e.Message.TrimEnd('.')}";
            result = new CheckResult
            {
                Target = check.Key,
                Kind = check.Kind,
                Namespace = check.Namespace,
                CheckedAt = startedAt,
                Status = CheckStatus.Failed,
                WorstSeverity = Severity.Critical,
                Duration = _time.GetElapsedTime(started),
                Error = e.Message,
                Findings = [new Finding(FindingCodes.CheckFailed, Severity.Critical, message, check.Key)],
            };
        }

        var id = await _store.RecordCheckAsync(result, cancellationToken);
        result = result with { Id = id };
        ResultRecorded?.Invoke(result);
        await PruneHistoryIfDueAsync(cancellationToken);
        return result;
    }

    /// <summary>At most once a day (and on the first check), drops history older than <see cref="HistoryRetention"/>.</summary>
    private async Task PruneHistoryIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (HistoryRetention is not { } retention || now - _lastPrune < TimeSpan.FromDays(1) || !_pruning.Wait(0, CancellationToken.None))
        {
            return;
        }

        try
        {
            _lastPrune = now;
            await _store.PruneHistoryAsync(now - retention, cancellationToken);
        }
        finally
        {
            _pruning.Release();
        }
    }

    private async Task<CheckResult> CheckEndpointAsync(PlannedCheck check, MonitorTarget target, long started, CancellationToken cancellationToken)
    {
        var scan = await _scanner.ScanAsync(target.Endpoint, cancellationToken);
        var report = await _checker.AssessAsync(
            scan,
            new EndpointCheckOptions
            {
                TrustStore = _trustStore,
                Thresholds = check.Thresholds,
                Record = true,
                Namespace = check.Namespace,
                CertificatePolicy = CertificatePolicy with { ReportQuantumVulnerable = false },
                CheckIntermediateRevocation = CheckIntermediateRevocation,
            },
            cancellationToken);
        var findings = report.Findings;
        if (check.Probe && Prober is not null && scan.Status == ScanStatus.Success)
        {
            findings = await AddProbeFindingsAsync(target, findings, cancellationToken);
        }

        var worst = findings.Worst();
        return new CheckResult
        {
            Target = check.Key,
            Kind = CheckKind.Endpoint,
            Namespace = check.Namespace,
            CheckedAt = report.CheckedAt,
            Status = scan.Status == ScanStatus.Success ? CheckResult.StatusOf(worst) : CheckStatus.Failed,
            LeafSha256 = report.Leaf?.Sha256,
            WorstSeverity = worst,
            Duration = _time.GetElapsedTime(started),
            Error = scan.Error,
            Findings = findings,
        };
    }

    /// <summary>
    /// Adds the TLS configuration findings (weak protocols and suites) of a probe; a probe that cannot finish is
    /// itself a finding, never a silent pass.
    /// </summary>
    private async Task<IReadOnlyList<Finding>> AddProbeFindingsAsync(MonitorTarget target, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var probe = await Prober!.ProbeAsync(target.Endpoint, cancellationToken);
        var all = findings.ToList();
        if (probe.Status != ScanStatus.Success)
        {
            all.Add(new Finding(FindingCodes.CheckFailed, Severity.Warning, $"{target.Key}: protocol and cipher probe failed: {probe.Error}", target.Key));
        }
        else
        {
            all.AddDistinct(TlsConfigurationPolicy.Evaluate(probe));
        }

        return all.OrderByDescending(f => f.Severity).ToArray();
    }

    private async Task<CheckResult> CheckDirectoryAsync(PlannedCheck check, WatchedDirectory directory, long started, CancellationToken cancellationToken)
    {
        var inventory = _inventory ?? throw new InvalidOperationException("watched directories need the inventory store; pass one to MonitorRunner");
        var options = new DiscoveryOptions();
        foreach (var include in directory.Include)
        {
            options.Include.Add(include);
        }

        foreach (var exclude in directory.Exclude)
        {
            options.Exclude.Add(exclude);
        }

        var checkedAt = _time.GetUtcNow();
        var expiry = new DirectoryExpiryFindings(checkedAt, check.Thresholds);
        var importer = new CertificateImporter(new CertificateDiscovery(options), inventory, _time) { Found = expiry.Add };
        var summary = await importer.ImportAsync(directory.Paths, directory.Namespace, cancellationToken);
        var findings = summary.Problems.Concat(expiry.ToList()).OrderByDescending(p => p.Severity).ToArray();
        var worst = findings.Length == 0 ? Severity.Ok : findings[0].Severity;
        return new CheckResult
        {
            Target = check.Key,
            Kind = CheckKind.Directory,
            Namespace = check.Namespace,
            CheckedAt = checkedAt,
            Status = CheckResult.StatusOf(worst),
            WorstSeverity = worst,
            Duration = _time.GetElapsedTime(started),
            Findings = findings,
        };
    }

    private async Task DrainAsync(List<Task> inFlight, CancellationTokenSource abort)
    {
        var all = Task.WhenAll(inFlight);
        if (await Task.WhenAny(all, Task.Delay(DrainTimeout, _time)) != all)
        {
            await abort.CancelAsync();
        }

        await all;
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
