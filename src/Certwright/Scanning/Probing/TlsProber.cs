using System.Globalization;
using Certwright.Scanning.Internal;
using Certwright.Scanning.Probing.Internal;

namespace Certwright.Scanning.Probing;

/// <summary>
/// Probes TLS endpoints with hand-built ClientHellos (no TLS library involved, so it sees what the server accepts,
/// not what the local OpenSSL allows). Per endpoint: one probe per protocol version, all in parallel; then, per
/// accepted version, the cipher suites the sslscan way (offer everything left, note the server's pick, drop it,
/// repeat), and the groups one at a time. Thread-safe; connections are bounded over all endpoints.
/// </summary>
public sealed class TlsProber : ITlsProber, IDisposable
{
    private readonly TlsProberOptions _options;
    private readonly TimeProvider _time;
    private readonly EndpointConnector _connector;
    private readonly SemaphoreSlim _connections;

    /// <exception cref="CertwrightException">Usage, listing every invalid option.</exception>
    public TlsProber(TlsProberOptions? options = null, TimeProvider? timeProvider = null)
        : this(options ?? new TlsProberOptions(), timeProvider ?? TimeProvider.System, null)
    {
    }

    internal TlsProber(TlsProberOptions options, TimeProvider timeProvider, HostResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, $"Invalid prober options: {string.Join(" ", errors)}");
        }

        // A copy: later changes to the caller's object must not change probes in flight.
        _options = new TlsProberOptions
        {
            ConnectTimeout = options.ConnectTimeout,
            ReadTimeout = options.ReadTimeout,
            TotalTimeout = options.TotalTimeout,
            MaxConnections = options.MaxConnections,
            MaxResponseBytes = options.MaxResponseBytes,
            ProtocolsOnly = options.ProtocolsOnly,
        };
        _time = timeProvider;
        _connector = new EndpointConnector(resolver);
        _connections = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
    }

    public async Task<TlsProbeResult> ProbeAsync(ScanTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = _time.GetTimestamp();
        using var total = new CancellationTokenSource(_options.TotalTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        var run = new Run(this, target, linked.Token);
        try
        {
            var protocols = await Task.WhenAll(TlsVersions.All.Select(v => ProbeVersionAsync(run, v)));
            return Result(run, protocols, started, error: null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(run, [], started, $"the probe did not finish within the total timeout of {Seconds(_options.TotalTimeout)}");
        }
    }

    public void Dispose() => _connections.Dispose();

    private TlsProbeResult Result(Run run, ProtocolSupport[] protocols, long started, string? error)
    {
        var accepted = protocols.Any(p => p.Accepted);
        var status = accepted ? ScanStatus.Success : ScanStatus.HandshakeFailed;
        if (!accepted && error is null)
        {
            var failure = run.Failures.FirstOrDefault(f => f.Status == ScanStatus.Unreachable)
                ?? run.Failures.FirstOrDefault(f => f.Status == ScanStatus.StartTlsFailed)
                ?? run.Failures.FirstOrDefault();
            status = failure?.Status ?? ScanStatus.HandshakeFailed;
            error = failure?.Message
                ?? $"the server accepted none of {string.Join(", ", TlsVersions.All.Select(v => v.Name()))} ({string.Join("; ", protocols.Select(p => $"{p.Version.Name()}: {p.Refusal}"))})";
        }

        // The client certificate request of the newest plaintext handshake (TLS 1.3 encrypts it).
        var request = run.CertificateRequests.OrderByDescending(r => r.Version).FirstOrDefault();
        return new TlsProbeResult
        {
            Target = run.Target,
            Status = status,
            Error = accepted ? null : error,
            ConnectedEndPoint = run.Connection.LastEndPoint,
            Protocols = protocols,
            ClientCertificateRequested = request is not null,
            ClientCertificateAuthorities = request?.CertificateAuthorities ?? [],
            Connections = run.Connections,
            Duration = _time.GetElapsedTime(started),
        };
    }

    private async Task<ProtocolSupport> ProbeVersionAsync(Run run, TlsVersion version)
    {
        var offered = ProbeOffers.Suites(version);
        var readDetails = version <= TlsVersion.Tls12 && !_options.ProtocolsOnly;
        var first = await run.TryExchangeAsync(new HelloOffer(version, offered, ProbeOffers.Groups(version), run.Target.ServerName), readDetails);
        if (first.Reply is not { } reply || Refusal(reply, version, offered) is { } refusal)
        {
            return new ProtocolSupport { Version = version, Accepted = false, Refusal = first.Failure?.Message ?? Refusal(first.Reply!, version, offered) };
        }

        if (reply.CertificateRequested)
        {
            run.CertificateRequests.Add(reply);
        }

        if (_options.ProtocolsOnly)
        {
            return new ProtocolSupport { Version = version, Accepted = true, CipherSuites = [CipherSuites.Get(reply.CipherSuite)] };
        }

        // The first pick tells an ECDSA certificate (its curve limits TLS 1.2 groups, see ProbeGroupsAsync).
        var ecdsa = CipherSuites.Get(reply.CipherSuite).IanaName.Contains("_ECDSA_", StringComparison.Ordinal);
        var groups = version >= TlsVersion.Tls12 ? ProbeGroupsAsync(run, version, ecdsa) : Task.FromResult<(IReadOnlyList<NamedGroup>, string?)>(([], null));
        var (suites, suiteError) = await EnumerateSuitesAsync(run, version, offered, reply.CipherSuite);
        var serverOrder = suiteError is null && suites.Count >= 2 ? await ServerOrderAsync(run, version, suites[0].Code, suites[1].Code) : null;
        var (accepted, groupError) = await groups;
        return new ProtocolSupport
        {
            Version = version,
            Accepted = true,
            CipherSuites = suites,
            ServerOrder = serverOrder,
            CipherSuitesEnumerated = suiteError is null,
            Groups = accepted,
            GroupsTested = version >= TlsVersion.Tls12 && groupError is null,
            EnumerationError = suiteError ?? groupError,
        };
    }

    /// <summary>Offers everything not yet picked until the server refuses: its picks, in order.</summary>
    private static async Task<(IReadOnlyList<CipherSuite> Suites, string? Error)> EnumerateSuitesAsync(Run run, TlsVersion version, IReadOnlyList<int> offered, int firstPick)
    {
        var picks = new List<CipherSuite> { CipherSuites.Get(firstPick) };
        var remaining = offered.Where(c => c != firstPick).ToList();
        while (remaining.Count > 0)
        {
            var (reply, failure) = await run.TryExchangeAsync(new HelloOffer(version, remaining, ProbeOffers.Groups(version), run.Target.ServerName), readUntilDone: false);
            if (failure is not null)
            {
                return (picks, failure.Message);
            }

            if (Refusal(reply!, version, remaining) is not null)
            {
                break;
            }

            picks.Add(CipherSuites.Get(reply!.CipherSuite));
            remaining.Remove(reply.CipherSuite);
        }

        return (picks, null);
    }

    /// <summary>Offers the server's first two picks reversed: keeping its first means it enforces its own order.</summary>
    private static async Task<bool?> ServerOrderAsync(Run run, TlsVersion version, int first, int second)
    {
        var (reply, _) = await run.TryExchangeAsync(new HelloOffer(version, [second, first], ProbeOffers.Groups(version), run.Target.ServerName), readUntilDone: false);
        return reply is { IsAccepted: true } && reply.Version == version
            ? reply.CipherSuite == first
            : null;
    }

    /// <summary>
    /// TLS 1.3: only group G offered, empty key_share; a HelloRetryRequest naming G means accepted (no key material
    /// needed). TLS 1.2: only G offered with ECDHE suites; the ServerKeyExchange's named curve says which was used.
    /// </summary>
    /// <remarks>
    /// In TLS 1.2 supported_groups also names the curves an ECDSA certificate may be on (RFC 8422 5.1), so a server
    /// with a P-256 certificate refuses a hello offering x25519 alone although it would use x25519 for ECDHE (sslscan
    /// misses these groups the same way). When the server's first pick is an ECDSA suite, a group refused alone is
    /// offered again first, followed by the groups that were accepted alone (among them the certificate's curve):
    /// the server picking it means it is accepted. RSA servers need no second round.
    /// </remarks>
    private static async Task<(IReadOnlyList<NamedGroup> Groups, string? Error)> ProbeGroupsAsync(Run run, TlsVersion version, bool ecdsaCertificate)
    {
        var suites = version == TlsVersion.Tls13 ? ProbeOffers.Suites(version) : ProbeOffers.EcdheSuites(version);
        var tested = ProbeOffers.TestedGroups(version);
        var outcomes = await Task.WhenAll(tested.Select(group => ProbeGroupAsync(run, version, suites, group, [])));
        var alone = outcomes.Where(o => o.Accepted).Select(o => o.Group.Code).ToArray();
        if (version < TlsVersion.Tls13 && ecdsaCertificate && alone.Length > 0 && outcomes.Any(o => !o.Accepted && o.Failure is null))
        {
            var retried = await Task.WhenAll(outcomes.Where(o => !o.Accepted && o.Failure is null).Select(o => ProbeGroupAsync(run, version, suites, o.Group, alone)));
            outcomes = [.. outcomes.Where(o => o.Accepted || o.Failure is not null), .. retried];
        }

        var error = outcomes.Select(o => o.Failure?.Message).FirstOrDefault(m => m is not null);
        var accepted = outcomes.Where(o => o.Accepted).Select(o => o.Group.Code).ToHashSet();
        return ([.. tested.Where(g => accepted.Contains(g.Code))], error);
    }

    /// <summary>Offers <paramref name="group"/> first, then <paramref name="fallback"/>; accepted when the server picks <paramref name="group"/>.</summary>
    private static async Task<(NamedGroup Group, bool Accepted, Exception? Failure)> ProbeGroupAsync(Run run, TlsVersion version, IReadOnlyList<int> suites, NamedGroup group, int[] fallback)
    {
        var offer = new HelloOffer(version, suites, [group.Code, .. fallback], run.Target.ServerName, KeyShare: false);
        var (reply, failure) = await run.TryExchangeAsync(offer, readUntilDone: version < TlsVersion.Tls13);
        var accepted = reply is { IsAccepted: true } && reply.Version == version && reply.Group == group.Code;
        return (group, accepted, failure);
    }

    /// <summary>Null when the reply accepts <paramref name="version"/> with an offered suite; else why not.</summary>
    private static string? Refusal(HelloReply reply, TlsVersion version, IReadOnlyList<int> offered)
    {
        if (!reply.IsAccepted)
        {
            return reply.Detail;
        }

        if (reply.Version != version)
        {
            return $"server answered with {reply.Version.Name()}";
        }

        return offered.Contains(reply.CipherSuite)
            ? null
            : $"server chose cipher suite 0x{reply.CipherSuite.ToString("X4", CultureInfo.InvariantCulture)}, which was not offered";
    }

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>The state of one endpoint's probe.</summary>
    private sealed class Run
    {
        private const int MaxAttempts = 10;
        private static readonly TimeSpan BusyBackOff = TimeSpan.FromMilliseconds(100);

        private readonly TlsProber _owner;
        private readonly CancellationToken _cancellationToken;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private int _connections;
        private bool _busy;

        public Run(TlsProber owner, ScanTarget target, CancellationToken cancellationToken)
        {
            _owner = owner;
            Target = target;
            _cancellationToken = cancellationToken;
            Connection = new ProbeConnection(owner._options, owner._time, owner._connector);
        }

        public ScanTarget Target { get; }

        public ProbeConnection Connection { get; }

        public System.Collections.Concurrent.ConcurrentQueue<ScanFailedException> FailureQueue { get; } = new();

        public IEnumerable<ScanFailedException> Failures => FailureQueue;

        public System.Collections.Concurrent.ConcurrentBag<HelloReply> CertificateRequests { get; } = [];

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>
        /// Mail servers count a connection until their child process exits, some time after the probe closed it, and
        /// turn away a burst of probes with "421 Too many concurrent SMTP connections": back off and retry those.
        /// </summary>
        private static bool IsBusy(ScanFailedException e) =>
            e.Status == ScanStatus.StartTlsFailed && e.Message.Contains("replied '421", StringComparison.Ordinal);

        public async Task<(HelloReply? Reply, ScanFailedException? Failure)> TryExchangeAsync(HelloOffer offer, bool readUntilDone)
        {
            for (var attempt = 1; ; attempt++)
            {
                // Once the server said it is busy, this endpoint gets one connection at a time.
                var gated = Volatile.Read(ref _busy);
                if (gated)
                {
                    await _gate.WaitAsync(_cancellationToken);
                }

                try
                {
                    await _owner._connections.WaitAsync(_cancellationToken);
                    try
                    {
                        Interlocked.Increment(ref _connections);
                        return (await Connection.ExchangeAsync(Target, offer, readUntilDone, _cancellationToken), null);
                    }
                    catch (ScanFailedException e) when (attempt < MaxAttempts && IsBusy(e))
                    {
                        Volatile.Write(ref _busy, true);
                    }
                    catch (ScanFailedException e)
                    {
                        FailureQueue.Enqueue(e);
                        return (null, e);
                    }
                    finally
                    {
                        _owner._connections.Release();
                    }

                    var delay = BusyBackOff * (1 << Math.Min(attempt - 1, 4));
                    await Task.Delay(delay, _owner._time, _cancellationToken);
                }
                finally
                {
                    if (gated)
                    {
                        _gate.Release();
                    }
                }
            }
        }
    }
}
