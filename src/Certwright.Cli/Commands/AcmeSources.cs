using System.Collections.Concurrent;
using Certwright.Acme.Client;
using Certwright.Internal;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary>
/// The ACME sources of one renewal run: one <see cref="AcmeCertificateSource"/> per distinct ACME setting, shared by the
/// managed certificates that use it, so orders through one built-in listener port run one after another instead of
/// fighting over the port. Each ACME directory has its own account key, in DATA/acme/HOST-HASH/, so rolling one account's
/// key over leaves the accounts at other CAs alone.
/// </summary>
internal sealed class AcmeSources(string dataDirectory, TimeProvider timeProvider) : IDisposable
{
    private readonly ConcurrentDictionary<AcmeSourceSpec, AcmeCertificateSource> _sources = new();

    public ICertificateSource Get(AcmeSourceSpec spec, ManagedCertificate managed) => _sources.GetOrAdd(spec, Create);

    /// <summary>The folder of the account at <paramref name="directoryUrl"/>: its host (readable) and a hash of the whole URL (unique).</summary>
    public string AccountDirectory(Uri directoryUrl)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directoryUrl.AbsoluteUri)))[..12];
        return Path.Combine(dataDirectory, "acme", $"{directoryUrl.Host}-{hash}");
    }

    private AcmeCertificateSource Create(AcmeSourceSpec spec) => new(
        new AcmeSourceOptions
        {
            DirectoryUrl = spec.DirectoryUrl,
            AccountDirectory = AccountDirectory(spec.DirectoryUrl),
            CaFile = spec.CaFile,
            Email = spec.Email,
            Challenge = spec.Challenge,
            HttpPort = spec.HttpPort,
            Webroot = spec.Webroot,
            TlsPort = spec.TlsPort,
            DnsHook = spec.DnsHook,
            EabKeyId = spec.EabKeyId,
            EabHmacKey = spec.EabHmacFile is { } file ? ReadHmacKey(file) : null,
            PreferredChain = spec.PreferredChain,
        },
        timeProvider);

    // base64url has no spaces: ones pasted around the key are not part of it.
    private static string ReadHmacKey(string file) => SecretFile.ReadFirstLineString(file, "EAB HMAC key file").Trim();

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            source.Dispose();
        }

        _sources.Clear();
    }
}
