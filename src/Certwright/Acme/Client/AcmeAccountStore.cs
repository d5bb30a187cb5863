using System.Security.Cryptography;
using System.Text;
using Certwright.Acme.Protocol;
using Certwright.Internal;
using Certwright.Keys;

namespace Certwright.Acme.Client;

/// <summary>
/// The account kept between runs in one directory: <c>account.key</c> (PKCS#8 PEM, mode 0600) and <c>accounts</c>
/// (one line per ACME directory: directory URL, space, account URL). Both are written atomically.
/// </summary>
internal sealed class AcmeAccountStore
{
    private const string KeyFile = "account.key";
    private const string AccountsFile = "accounts";
    private const long MaxFileBytes = 64 * 1024;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;

    public AcmeAccountStore(string directory)
    {
        _directory = directory;
    }

    public string KeyPath => Path.Combine(_directory, KeyFile);

    /// <summary>A key written for a key change that has not been made the account key yet (<c>account.key.next</c>).</summary>
    public string PendingKeyPath => KeyPath + ".next";

    /// <summary>The stored account key, or a new one (stored before it is used, so a crash cannot lose a registered key).</summary>
    public async Task<AcmeAccountKey> LoadOrCreateKeyAsync(KeyType type, CancellationToken cancellationToken)
    {
        if (File.Exists(KeyPath))
        {
            return await ReadKeyAsync(KeyPath, cancellationToken);
        }

        var key = AcmeAccountKey.Generate(type);
        await SaveKeyAsync(key, overwrite: false, cancellationToken);
        return key;
    }

    /// <summary>The pending key of an unfinished key change, or null.</summary>
    public async Task<AcmeAccountKey?> LoadPendingKeyAsync(CancellationToken cancellationToken) =>
        File.Exists(PendingKeyPath) ? await ReadKeyAsync(PendingKeyPath, cancellationToken) : null;

    public async Task SaveKeyAsync(AcmeAccountKey key, bool overwrite, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var pem = PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8()) + "\n";
        await AtomicFile.WriteAsync(KeyPath, Encoding.ASCII.GetBytes(pem), OwnerOnly, overwrite, cancellationToken);
    }

    /// <summary>Writes a key beside the current one (<see cref="PendingKeyPath"/>, 0600) before a key change asks the CA for it.</summary>
    public async Task SavePendingKeyAsync(AcmeAccountKey key, CancellationToken cancellationToken)
    {
        var pem = PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8()) + "\n";
        await AtomicFile.WriteAsync(PendingKeyPath, Encoding.ASCII.GetBytes(pem), OwnerOnly, overwrite: true, cancellationToken);
    }

    /// <summary>Makes the pending key the account key (one rename).</summary>
    public void CommitPendingKey() => File.Move(PendingKeyPath, KeyPath, overwrite: true);

    /// <summary>Forgets the pending key: the CA never took it.</summary>
    public void DiscardPendingKey() => File.Delete(PendingKeyPath);

    /// <summary>The account URL registered at <paramref name="directoryUrl"/> with the stored key, if any.</summary>
    public async Task<Uri?> ReadAccountUrlAsync(Uri directoryUrl, CancellationToken cancellationToken)
    {
        var accounts = await ReadAccountsAsync(cancellationToken);
        return accounts.TryGetValue(directoryUrl.AbsoluteUri, out var url) ? url : null;
    }

    public async Task SaveAccountUrlAsync(Uri directoryUrl, Uri accountUrl, CancellationToken cancellationToken)
    {
        var accounts = await ReadAccountsAsync(cancellationToken);
        accounts[directoryUrl.AbsoluteUri] = accountUrl;
        var text = string.Concat(accounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value.AbsoluteUri}\n"));
        Directory.CreateDirectory(_directory);
        await AtomicFile.WriteAsync(Path.Combine(_directory, AccountsFile), Encoding.UTF8.GetBytes(text), OwnerOnly, overwrite: true, cancellationToken);
    }

    private static async Task<AcmeAccountKey> ReadKeyAsync(string path, CancellationToken cancellationToken)
    {
        var pem = Encoding.ASCII.GetString(await BoundedFile.ReadAllBytesAsync(path, MaxFileBytes, "ACME account key", cancellationToken));
        var fields = PemEncoding.TryFind(pem, out var found) && pem.AsSpan()[found.Label].SequenceEqual("PRIVATE KEY")
            ? found
            : throw new CertwrightException(ErrorKind.State, $"{path} is not a PKCS#8 PEM private key; restore it or remove it to create a new ACME account");
        return AcmeAccountKey.ImportPkcs8(Convert.FromBase64String(pem[fields.Base64Data]), path);
    }

    private async Task<Dictionary<string, Uri>> ReadAccountsAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, AccountsFile);
        var accounts = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return accounts;
        }

        var text = Encoding.UTF8.GetString(await BoundedFile.ReadAllBytesAsync(path, MaxFileBytes, "ACME accounts file", cancellationToken));
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && Uri.TryCreate(parts[1], UriKind.Absolute, out var url))
            {
                accounts[parts[0]] = url;
            }
        }

        return accounts;
    }
}
