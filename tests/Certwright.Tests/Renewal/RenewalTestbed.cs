using Certwright.Authority;
using Certwright.Renewal;
using Certwright.Scanning;
using Certwright.Storage;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal;

/// <summary>
/// A real private CA (AuthorityBuilder, SQLite ledger, encrypted key file), the real managed-certificate store in a temp data
/// directory, and a renewal runner over them with fake time that starts now (the CA's validity is real). A test can make
/// the CA "unreachable" with <see cref="CaDown"/>.
/// </summary>
internal sealed class RenewalTestbed : IAsyncDisposable, ICertificateSourceFactory
{
    private RenewalTestbed(TestAuthority authority, IManagedCertificateStore store, FakeTimeProvider time)
    {
        Authority = authority;
        Store = store;
        Time = time;
        Issuer = new CertificateIssuer(authority.Signing, authority.Store, time);
    }

    public TestAuthority Authority { get; }

    public IManagedCertificateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public CertificateIssuer Issuer { get; }

    public TempDirectory Work { get; } = new();

    /// <summary>While true, every source throws as a CA that cannot be reached.</summary>
    public bool CaDown { get; set; }

    public int SourcesCreated { get; private set; }

    /// <summary>The renewal window an ACME-kind managed certificate's source suggests (its certificates still come from the private CA).</summary>
    public RenewalWindow? SuggestedWindow { get; set; }

    public int WindowRequests { get; private set; }

    public static async Task<RenewalTestbed> CreateAsync()
    {
        var authority = await TestAuthority.CreateAsync();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var store = await ManagedCertificateStore.OpenAsync(new StorageOptions { DataDirectory = authority.Dir.File("data") }, time, default);
        return new RenewalTestbed(authority, store, time);
    }

    public RenewalRunner Runner(DeployerRegistry? deployers = null) =>
        new(Store, this, deployers ?? new DeployerRegistry(Time), new EndpointScanner(null, TimeProvider.System), Time);

    public async Task<ManagedCertificate> AddAsync(string name, params string[] deployDirs)
    {
        var managed = new ManagedCertificate
        {
            Name = name,
            Source = new PrivateCaSourceSpec("corp", "server"),
            Domains = [$"{name}.internal"],
            DeployTargets = [.. deployDirs.Select(DeployTarget.Directory)],
        };
        await Store.SaveAsync(managed, default);
        return managed;
    }

    public async Task<ManagedEntry> EntryAsync(string name) => (await Store.ListAsync(null, default)).Single(e => e.Certificate.Name == name);

    public Task<ICertificateSource> CreateAsync(ManagedCertificate managed, CancellationToken cancellationToken)
    {
        SourcesCreated++;
        ICertificateSource source = CaDown ? new UnreachableSource() : new PrivateCaSource(Issuer, CertificateProfiles.Server, "corp");
        return Task.FromResult(managed.Source is AcmeSourceSpec && !CaDown ? new WindowSource(source, this) : source);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Authority.DisposeAsync();
        Work.Dispose();
    }

    /// <summary>An ACME-like source: the private CA's certificates, and the window the test sets.</summary>
    private sealed class WindowSource(ICertificateSource inner, RenewalTestbed bed) : ICertificateSource
    {
        public string Description => "acme (test)";

        public Task<Certwright.Renewal.Deploy.CertificateBundle> ObtainAsync(CertificateOrder order, CancellationToken cancellationToken) =>
            inner.ObtainAsync(order, cancellationToken);

        public Task<RenewalWindow?> SuggestRenewalWindowAsync(byte[] currentLeafDer, CancellationToken cancellationToken)
        {
            bed.WindowRequests++;
            return Task.FromResult(bed.SuggestedWindow);
        }
    }

    private sealed class UnreachableSource : ICertificateSource
    {
        public string Description => "ca corp (down)";

        public Task<Certwright.Renewal.Deploy.CertificateBundle> ObtainAsync(CertificateOrder order, CancellationToken cancellationToken) =>
            throw new CertwrightException(ErrorKind.Transport, "cannot connect to the CA at 127.0.0.1:1: connection refused");

        public Task<RenewalWindow?> SuggestRenewalWindowAsync(byte[] currentLeafDer, CancellationToken cancellationToken) =>
            throw new CertwrightException(ErrorKind.Transport, "cannot connect to the CA at 127.0.0.1:1: connection refused");
    }
}
