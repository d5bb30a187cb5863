using Certwright.Authority.Crl.Internal;
using Certwright.Internal;

namespace Certwright.Authority.Crl;

/// <summary>
/// Publishes CAs' CRLs into the data directory (<see cref="CrlFiles"/>) and says when they are due. The revoke
/// command calls <see cref="PublishAsync"/> after a revocation; <c>certwright serve</c> calls it when
/// <see cref="IsDue"/>; <c>certwright crl</c> calls <see cref="FreshCurrentAsync"/> first and publishes only when needed.
/// </summary>
/// <remarks>
/// Each file is replaced atomically (<see cref="AtomicFile"/>): a reader sees the old CRL or the new one, never a part.
/// The DER file is written before the PEM one; for a moment they may hold consecutive CRLs, both valid.
/// Publishers of one CA, in this process or others, take turns on a lock file, so the CRL number on disk only grows.
/// </remarks>
public sealed class CrlPublisher
{
    private readonly string _dataDirectory;
    private readonly CrlOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CrlBuilder _builder;

    /// <exception cref="CertwrightException">Usage: <paramref name="options"/> are invalid.</exception>
    public CrlPublisher(string dataDirectory, CrlOptions options, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        _builder = new CrlBuilder(options, timeProvider);
        _dataDirectory = dataDirectory;
        _options = options;
        _timeProvider = timeProvider;
    }

    public CrlOptions Options => _options;

    /// <summary>Builds a new CRL for <paramref name="authority"/> with the next CRL number and writes DATA/crl/{name}.crl and .crl.pem.</summary>
    /// <exception cref="CertwrightException">State: another publisher holds the lock too long; the ledger or CA certificate is damaged.</exception>
    public async Task<CrlDocument> PublishAsync(SigningAuthority authority, IAuthorityStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(store);
        var derPath = CrlFiles.PathFor(_dataDirectory, authority.Name);
        Storage.DataDirectory.EnsureExists(CrlFiles.Directory(_dataDirectory));
        using var gate = await CrlLock.AcquireAsync(CrlFiles.LockPathFor(_dataDirectory, authority.Name), authority.Name, _options.LockTimeout, cancellationToken);
        var crl = await _builder.BuildAsync(authority, store, cancellationToken);

        // World-readable like any published CRL: it is public by design, and a web server may serve the folder.
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        await AtomicFile.WriteAsync(derPath, crl.Der, mode, overwrite: true, cancellationToken);
        await AtomicFile.WriteAsync(CrlFiles.PemPathFor(_dataDirectory, authority.Name), System.Text.Encoding.ASCII.GetBytes(crl.ToPem()), mode, overwrite: true, cancellationToken);
        return crl;
    }

    /// <summary>The CRL currently published for <paramref name="authority"/>, or null when none is.</summary>
    /// <exception cref="CertwrightException">State: the file is damaged.</exception>
    public async Task<CrlDocument?> ReadCurrentAsync(string authority, CancellationToken cancellationToken)
    {
        var path = CrlFiles.PathFor(_dataDirectory, authority);
        byte[] der;
        try
        {
            der = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return CrlReader.Read(authority, der, path);
    }

    /// <summary>Whether <paramref name="current"/> should be replaced now: none exists, or its schedule says so (<see cref="CrlSchedule.IsDue"/>).</summary>
    public bool IsDue(CrlDocument? current) =>
        current is null || CrlSchedule.For(current, _options).IsDue(_timeProvider.GetUtcNow());

    /// <summary>
    /// The published CRL of <paramref name="authority"/> when it is still good to hand out: not due, and no revocation in
    /// <paramref name="store"/> is newer than its thisUpdate (one made by a process that did not publish). Null: publish.
    /// </summary>
    public async Task<CrlDocument?> FreshCurrentAsync(string authority, IAuthorityStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var current = await ReadCurrentAsync(authority, cancellationToken);
        if (IsDue(current))
        {
            return null;
        }

        // thisUpdate is whole seconds: a revocation in the same second as the publish counts as newer (one extra publish, never a missed one).
        var revoked = await store.ListRevokedAsync(authority, cancellationToken);
        return revoked.Any(r => r.RevokedAt >= current!.ThisUpdate) ? null : current;
    }
}
