using System.Security.Cryptography;
using Certwright.Internal;

namespace Certwright.Renewal.Deploy;

/// <summary>
/// Deploys a certificate, its chain and its key as one password-protected PKCS#12 file (PBES2 AES-256, SHA-256 MAC, as
/// OpenSSL 3 writes by default; Java's keytool and OpenSSL read it). The file is replaced in one rename with mode 0600,
/// so a reader sees the old file or the new one; the old bytes stay in the receipt (memory only) for a rollback.
/// </summary>
public sealed class Pkcs12Deployer : ICertificateDeployer
{
    /// <summary>Largest existing file kept for a rollback; a PKCS#12 file with a chain is a few KB.</summary>
    public const int MaxPreviousFileBytes = 16 * 1024 * 1024;

    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Pkcs12DeployOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, string?> _getVariable;
    private readonly string _path;

    /// <param name="options">The file and how to protect it.</param>
    /// <param name="timeProvider">Stamps the receipt.</param>
    /// <param name="getEnvironmentVariable">Reads <see cref="Pkcs12DeployOptions.PasswordEnvironmentVariable"/>; defaults to the process environment.</param>
    /// <exception cref="CertwrightException">Usage: the options are not usable (every problem is named).</exception>
    public Pkcs12Deployer(Pkcs12DeployOptions options, TimeProvider timeProvider, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors));
        }

        _options = options;
        _timeProvider = timeProvider;
        _getVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _path = Path.GetFullPath(options.Path);
        Target = $"pkcs12 {_path}";
    }

    public string Target { get; }

    public async Task<DeploymentReceipt> DeployAsync(CertificateBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.PrivateKeyPkcs8 is null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"{Target} needs the private key, which a certificate issued from a CSR does not give; deploy it as files instead");
        }

        var password = await PasswordAsync(cancellationToken);
        var contents = Pkcs12Encoder.Encode(bundle, password, _options.FriendlyName, _options.Iterations);
        try
        {
            var previous = await ReadExistingAsync(cancellationToken);
            await WriteAsync(contents, cancellationToken);
            return new Pkcs12DeploymentReceipt(Target, _path, _timeProvider.GetUtcNow())
            {
                PreviousContents = previous,
                DeployedSha256 = SHA256.HashData(contents),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contents);
        }
    }

    /// <summary>
    /// Puts the replaced file back. After a first deployment there is nothing older to restore and the new file stays, as
    /// <see cref="DirectoryDeployer.RollbackAsync(DeploymentReceipt, CancellationToken)"/> does: removing it would turn "not picked up" into "no file at all".
    /// </summary>
    /// <exception cref="CertwrightException">State: the file changed since this deployment (it is left as it is); Usage: it cannot be written.</exception>
    public async Task RollbackAsync(DeploymentReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt is not Pkcs12DeploymentReceipt mine || mine.Path != _path)
        {
            throw new ArgumentException($"the receipt is not from {Target}", nameof(receipt));
        }

        if (mine.PreviousContents is not { } previous)
        {
            return;
        }

        var current = await ReadExistingAsync(cancellationToken);
        if (current is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(current), mine.DeployedSha256))
        {
            throw new CertwrightException(ErrorKind.State, $"cannot roll back {Target}: the file changed after the deployment; it is left as it is");
        }

        await WriteAsync(previous, cancellationToken);
    }

    private async Task WriteAsync(byte[] contents, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(_path, contents, Secret, overwrite: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot write {Target}: {BoundedFile.Reason(e)}; the file there is unchanged", e);
        }
    }

    private async Task<byte[]?> ReadExistingAsync(CancellationToken cancellationToken) =>
        File.Exists(_path) ? await BoundedFile.ReadAllBytesAsync(_path, MaxPreviousFileBytes, "PKCS#12 file", cancellationToken) : null;

    private async Task<string> PasswordAsync(CancellationToken cancellationToken)
    {
        string password;
        if (_options.PasswordFile is { } file)
        {
            return await SecretFile.ReadFirstLineStringAsync(file, "PKCS#12 password file", cancellationToken);
        }

        var variable = _options.PasswordEnvironmentVariable!;
        password = _getVariable(variable) ?? string.Empty;
        return password.Length > 0
            ? password
            : throw new CertwrightException(ErrorKind.Usage, $"environment variable {variable} is not set or empty; set it to the password of {Target}");
    }
}
