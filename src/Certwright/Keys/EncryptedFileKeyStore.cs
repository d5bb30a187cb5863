using System.Runtime.CompilerServices;
using Certwright.Keys.Internal;

namespace Certwright.Keys;

/// <summary>
/// Keys as encrypted PKCS#8 PEM files (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) in one directory,
/// <c>&lt;id&gt;.key</c>, mode 0600 in a 0700 directory, written atomically. Never plaintext on disk.
/// OpenSSL reads the files (<c>openssl pkey -in ID.key -passin ...</c>).
/// </summary>
public sealed class EncryptedFileKeyStore : IKeyStore
{
    /// <summary>The folder under the data directory that holds the key files.</summary>
    public const string DefaultFolderName = "keys";

    private readonly KeyFileDirectory _directory;
    private readonly KeyPassphrase? _passphrase;
    private readonly TimeProvider _timeProvider;

    /// <param name="directory">The key directory; created (0700) on the first key.</param>
    /// <param name="passphrase">Encrypts new keys and decrypts opened ones; the caller owns it. Null for a store that only lists.</param>
    /// <param name="timeProvider">Stamps each key's creation time.</param>
    public EncryptedFileKeyStore(string directory, KeyPassphrase? passphrase, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _directory = new KeyFileDirectory(directory);
        _passphrase = passphrase;
        _timeProvider = timeProvider;
    }

    public KeyStoreKind Kind => KeyStoreKind.File;

    public string Directory => _directory.Path;

    public async Task<ISigningKey> GenerateAsync(KeyType type, string label, CancellationToken cancellationToken)
    {
        KeyLabels.Validate(label);
        var passphrase = Passphrase();
        var id = KeyIds.NewId();
        var key = await Task.Run(() => SoftwareKeys.Generate(id, type), cancellationToken);
        try
        {
            var header = new KeyFileHeader(id, label, type, _timeProvider.GetUtcNow());
            var content = KeyFileFormat.Write(header, key, passphrase);
            await _directory.WriteNewAsync(id, content, cancellationToken);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores an existing key (an imported CA's): <paramref name="pkcs8"/> is an unencrypted PKCS#8 PrivateKeyInfo of a
    /// supported type, written like a generated key (new id, encrypted, 0600, atomic). Returns it open.
    /// </summary>
    /// <param name="label">The key's label, as for <see cref="GenerateAsync"/>.</param>
    /// <param name="pkcs8">The key; the caller clears it.</param>
    /// <param name="source">Names the input in messages, e.g. <c>file 'ca.key'</c>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <exception cref="CertwrightException">Usage: bad label, not a key of a supported type, no passphrase, or the write failed.</exception>
    public async Task<ISigningKey> ImportAsync(string label, ReadOnlyMemory<byte> pkcs8, string source, CancellationToken cancellationToken)
    {
        KeyLabels.Validate(label);
        ArgumentNullException.ThrowIfNull(source);
        var passphrase = Passphrase();
        var id = KeyIds.NewId();
        var key = SoftwareKeys.FromPkcs8(id, pkcs8.Span, source);
        try
        {
            var header = new KeyFileHeader(id, label, key.Type, _timeProvider.GetUtcNow());
            var content = await Task.Run(() => KeyFileFormat.Write(header, key, passphrase), cancellationToken);
            await _directory.WriteNewAsync(id, content, cancellationToken);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public async Task<ISigningKey> OpenAsync(string id, CancellationToken cancellationToken)
    {
        var path = _directory.PathOf(id);
        if (!File.Exists(path))
        {
            throw new CertwrightException(ErrorKind.Usage, $"no key '{id}' in '{_directory.Path}'; `certwright key list` shows the keys");
        }

        var text = await _directory.ReadAsync(path, cancellationToken);
        var passphrase = Passphrase();
        return await Task.Run(() => KeyFileFormat.Read(text, path, passphrase), cancellationToken);
    }

    /// <summary>What <see cref="ListAsync"/> says about one key, read from its file's header without decrypting it.</summary>
    /// <exception cref="CertwrightException">Usage: no such key, or a corrupt header.</exception>
    public async Task<KeyInfo> DescribeAsync(string id, CancellationToken cancellationToken)
    {
        var path = _directory.PathOf(id);
        if (!File.Exists(path))
        {
            throw new CertwrightException(ErrorKind.Usage, $"no key '{id}' in '{_directory.Path}'; `certwright key list` shows the keys");
        }

        var header = KeyFileFormat.ReadHeader(await _directory.ReadAsync(path, cancellationToken), path);
        return ToInfo(header);
    }

    private static KeyInfo ToInfo(KeyFileHeader header) =>
        new(header.Id, header.Label, header.Type, KeyStoreKind.File, header.Created, Extractable: true);

    private KeyPassphrase Passphrase() =>
        _passphrase ?? throw new CertwrightException(
            ErrorKind.Usage,
            $"no key passphrase: give --key-passphrase-file FILE or set {KeyPassphrase.EnvironmentVariable}");

    public async IAsyncEnumerable<KeyInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in _directory.KeyFiles())
        {
            var text = await _directory.ReadAsync(path, cancellationToken);
            yield return ToInfo(KeyFileFormat.ReadHeader(text, path));
        }
    }
}
