using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Certwright.Internal;

namespace Certwright.Renewal.Deploy;

/// <summary>
/// Deploys a certificate into a directory in certbot's <c>live/</c> layout (<c>cert.pem</c>, <c>chain.pem</c>,
/// <c>fullchain.pem</c>, <c>privkey.pem</c>) so that a service reading the files never pairs a new certificate with an old
/// key: each deployment is written (and fsynced) into a version folder <c>.certwright/VERSION/</c>, and the four names are
/// symbolic links through <c>.certwright/current</c>, which one rename moves to the new version. A deployment that fails
/// before that rename leaves the old certificate in place; <see cref="RollbackAsync(DeployedVersion)"/> moves it back after a failed reload.
/// </summary>
/// <param name="directory">The deploy directory (<c>--deploy-dir</c>).</param>
/// <param name="timeProvider">Names the version folders.</param>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DirectoryDeployer(string directory, TimeProvider timeProvider) : ICertificateDeployer
{
    public const string StateFolder = ".certwright";
    public const string CurrentLink = "current";

    /// <summary>Version folders kept besides the current one (older ones are deleted after a deployment).</summary>
    public const int KeptVersions = 2;

    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFolder = Public | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The file names of the layout, in the order they are written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["cert.pem", "chain.pem", "fullchain.pem", "privkey.pem"];

    public string Target { get; } = $"dir {Path.GetFullPath(directory)}";

    /// <inheritdoc/>
    async Task<DeploymentReceipt> ICertificateDeployer.DeployAsync(CertificateBundle bundle, CancellationToken cancellationToken) =>
        new DirectoryDeploymentReceipt(Target, await DeployAsync(bundle, cancellationToken));

    /// <inheritdoc/>
    public Task RollbackAsync(DeploymentReceipt receipt, CancellationToken cancellationToken)
    {
        if (receipt is not DirectoryDeploymentReceipt directoryReceipt)
        {
            throw new ArgumentException($"not a receipt of {Target}", nameof(receipt));
        }

        return RollbackAsync(directoryReceipt.Deployed);
    }

    /// <exception cref="CertwrightException">Usage: the directory cannot be written (the old certificate stays in place).</exception>
    public async Task<DeployedVersion> DeployAsync(CertificateBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        try
        {
            var state = Path.Combine(root, StateFolder);
            Directory.CreateDirectory(state, PublicFolder);
            var version = NewVersionName();
            var folder = Path.Combine(state, version);
            Directory.CreateDirectory(folder, PublicFolder);
            await WriteFilesAsync(bundle, folder, cancellationToken);

            var previous = CurrentVersion(root);
            EnsureNameLinks(root, bundle.PrivateKeyPkcs8 is not null);
            AtomicFile.ReplaceSymbolicLink(Path.Combine(state, CurrentLink), version);
            Prune(state, version, previous);
            return new DeployedVersion(root, version, previous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot deploy to '{root}': {BoundedFile.Reason(e)}; the certificate there is unchanged", e);
        }
    }

    /// <summary>Makes the version <paramref name="deployed"/> replaced current again (after its reload failed). False for a first deployment.</summary>
    public static Task<bool> RollbackAsync(DeployedVersion deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        if (deployed.Previous is null)
        {
            return Task.FromResult(false);
        }

        AtomicFile.ReplaceSymbolicLink(Path.Combine(deployed.Directory, StateFolder, CurrentLink), deployed.Previous);
        return Task.FromResult(true);
    }

    /// <summary>The version folder <c>.certwright/current</c> points at, or null.</summary>
    public static string? CurrentVersion(string deployDirectory)
    {
        var link = new FileInfo(Path.Combine(Path.GetFullPath(deployDirectory), StateFolder, CurrentLink));
        return link.LinkTarget;
    }

    private static async Task WriteFilesAsync(CertificateBundle bundle, string folder, CancellationToken cancellationToken)
    {
        var leaf = Pem("CERTIFICATE", bundle.Leaf);
        var chain = string.Concat(bundle.Chain.Select(c => Pem("CERTIFICATE", c)));
        await WriteAsync(folder, "cert.pem", leaf, Public, cancellationToken);
        await WriteAsync(folder, "chain.pem", chain, Public, cancellationToken);
        await WriteAsync(folder, "fullchain.pem", leaf + chain, Public, cancellationToken);
        if (bundle.PrivateKeyPkcs8 is { } key)
        {
            var pem = Encoding.ASCII.GetBytes(Pem("PRIVATE KEY", key));
            try
            {
                await AtomicFile.WriteAsync(Path.Combine(folder, "privkey.pem"), pem, Secret, overwrite: false, cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pem);
            }
        }
    }

    private static Task WriteAsync(string folder, string name, string text, UnixFileMode mode, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path.Combine(folder, name), Encoding.ASCII.GetBytes(text), mode, overwrite: false, cancellationToken);

    /// <summary>cert.pem and the others (privkey.pem when there is a key) point through <c>.certwright/current</c>; a regular file left by another tool is replaced by the link.</summary>
    private static void EnsureNameLinks(string root, bool withKey)
    {
        foreach (var name in FileNames.Where(n => withKey || n != "privkey.pem"))
        {
            var path = Path.Combine(root, name);
            var target = Path.Combine(StateFolder, CurrentLink, name);
            if (new FileInfo(path).LinkTarget != target)
            {
                AtomicFile.ReplaceSymbolicLink(path, target);
            }
        }
    }

    private static void Prune(string state, string current, string? previous)
    {
        var versions = Directory.EnumerateDirectories(state)
            .Select(Path.GetFileName)
            .Where(n => n is not null && n != current && n != previous && n.StartsWith('v'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var old in versions.Take(Math.Max(0, versions.Count - (KeptVersions - 1))))
        {
            Directory.Delete(Path.Combine(state, old!), recursive: true);
        }
    }

    private string NewVersionName() => string.Create(
        CultureInfo.InvariantCulture,
        $"v{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    private static string Pem(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
