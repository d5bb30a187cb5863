using System.Collections.Concurrent;
using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Renewal.Internal;
using Certwright.Scanning;

namespace Certwright.Renewal;

/// <summary>
/// One renewal run: for every managed certificate that is due (at most <see cref="RenewalRunOptions.MaxConcurrency"/> at
/// once) obtain a new certificate from its source, deploy it to every target, run the reload command, check the named
/// endpoints serve it, and record the new state and an inventory sighting. A failure leaves the old certificate in place
/// (deploys already done for that certificate are rolled back), is reported as a finding and is retried after a backoff.
/// </summary>
public sealed class RenewalRunner
{
    private readonly IManagedCertificateStore _store;
    private readonly ICertificateSourceFactory _sources;
    private readonly DeployerRegistry _deployers;
    private readonly ServedCertificateVerifier _verifier;
    private readonly TimeProvider _timeProvider;

    public RenewalRunner(IManagedCertificateStore store, ICertificateSourceFactory sources, DeployerRegistry deployers, IEndpointScanner scanner, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(deployers);
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _sources = sources;
        _deployers = deployers;
        _verifier = new ServedCertificateVerifier(scanner);
        _timeProvider = timeProvider;
    }

    /// <summary>Where deployed certificates are recorded as file sightings; null to record none.</summary>
    public IInventoryStore? Inventory { get; init; }

    /// <summary>Called as each outcome is known (from several threads; not in input order).</summary>
    public Action<RenewalOutcome>? OutcomeRecorded { get; init; }

    /// <summary>Runs once over the selected managed certificates; the outcomes are in name order.</summary>
    public async Task<IReadOnlyList<RenewalOutcome>> RunAsync(RenewalRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = await _store.ListAsync(options.Namespace, cancellationToken);
        var outcomes = new ConcurrentBag<RenewalOutcome>();
        var sightings = new ConcurrentBag<CertificateObservation>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(entries, parallel, async (entry, ct) =>
        {
            var attempt = new RenewalAttempt(entry, options, _sources, _deployers, _verifier, _timeProvider);
            var (outcome, state) = await attempt.RunAsync(ct);
            if (state is not null)
            {
                await _store.SaveStateAsync(entry.Certificate.Name, state, ct);
            }

            if (outcome.Status is RenewalStatus.Renewed or RenewalStatus.NotServed && attempt.NewLeaf is { } leaf)
            {
                AddSightings(entry.Certificate, leaf, sightings);
            }

            outcomes.Add(outcome);
            OutcomeRecorded?.Invoke(outcome);
        });

        if (Inventory is not null && !sightings.IsEmpty)
        {
            // One transaction for the run's sightings: 1,000 renewals are one commit, not 1,000.
            await Inventory.RecordAsync([.. sightings], cancellationToken);
        }

        return [.. outcomes.OrderBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    private void AddSightings(ManagedCertificate managed, byte[] leaf, ConcurrentBag<CertificateObservation> sightings)
    {
        if (Inventory is null)
        {
            return;
        }

        var record = CertificateParser.Parse(leaf);
        var now = _timeProvider.GetUtcNow();
        foreach (var target in managed.DeployTargets.Where(t => t.Kind == DeployTarget.DirectoryKind))
        {
            var location = new SightingLocation(SightingKind.File, Path.Combine(target.Require(DeployTarget.PathSetting), "cert.pem")) { Namespace = managed.Namespace };
            sightings.Add(new CertificateObservation(record, location, 0, now));
        }
    }
}
