using Certwright.Certificates;
using Certwright.Internal;
using Certwright.Validation.Internal;

namespace Certwright.Validation;

/// <summary>
/// A set of trust anchors, parsed once and indexed by subject name and key identifier; share one instance
/// between validations (it is immutable and thread-safe). Every certificate in it is trusted as an
/// anchor, whether self-signed or not; constraints the anchors carry (name constraints, path length,
/// extended key usage) are enforced.
/// </summary>
public sealed class TrustStore
{
    /// <summary>The system bundle locations tried, in order, after <c>SSL_CERT_FILE</c>.</summary>
    public static readonly IReadOnlyList<string> SystemBundlePaths =
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/cert.pem",
    ];

    /// <summary>Trust files larger than this are refused.</summary>
    public const long MaxFileSize = 32 * 1024 * 1024;

    private readonly Dictionary<string, List<ParsedCertificate>> _bySubject = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fingerprints = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subjectKeys = new(StringComparer.Ordinal);
    private readonly List<ParsedCertificate> _anchors = [];

    private TrustStore(string source, IEnumerable<byte[]> certificates, List<string> skipped, bool vetted)
    {
        Source = source;
        IsVendorVetted = vetted;
        foreach (var der in certificates)
        {
            ParsedCertificate certificate;
            try
            {
                certificate = ParsedCertificateFactory.Create(der);
            }
            catch (CertificateFormatException e)
            {
                skipped.Add($"certificate {_anchors.Count + skipped.Count + 1} in {source} was skipped: {e.Message}");
                continue;
            }

            if (!_fingerprints.Add(certificate.Sha256))
            {
                continue;
            }

            _anchors.Add(certificate);
            _subjectKeys.Add(SubjectKey(certificate));
            if (!_bySubject.TryGetValue(certificate.Subject.Key, out var list))
            {
                _bySubject[certificate.Subject.Key] = list = [];
            }

            list.Add(certificate);
        }

        Skipped = skipped;
    }

    /// <summary>An empty store: nothing is trusted.</summary>
    public static TrustStore Empty { get; } = new("nothing", [], [], vetted: false);

    /// <summary>Where the anchors came from (a path, or a description).</summary>
    public string Source { get; }

    /// <summary>Number of distinct anchors.</summary>
    public int Count => _anchors.Count;

    /// <summary>Entries that could not be used, with the reason; never silently dropped.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>
    /// True for the operating system's bundle. Its roots were vetted by the distribution, so encoding
    /// defects RFC 5280 forbids only to CAs issuing today (a missing subjectKeyIdentifier, a non-critical
    /// basicConstraints in a 2004 root) are not held against them; CA files the user gives are checked fully.
    /// </summary>
    public bool IsVendorVetted { get; }

    internal IReadOnlyList<ParsedCertificate> Anchors => _anchors;

    /// <summary>Builds a store from DER certificates.</summary>
    public static TrustStore FromCertificates(IEnumerable<ReadOnlyMemory<byte>> certificates, string source = "certificates")
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new TrustStore(source, certificates.Select(c => c.ToArray()), [], vetted: false);
    }

    /// <summary>Builds a store from PEM text holding CERTIFICATE (or TRUSTED CERTIFICATE, or PKCS7) blocks.</summary>
    public static TrustStore FromPem(string pem, string source = "PEM")
    {
        ArgumentNullException.ThrowIfNull(pem);
        return FromContent(System.Text.Encoding.UTF8.GetBytes(pem), source, vetted: false);
    }

    /// <summary>Loads a CA file (<c>--ca-file</c>): a PEM bundle, or DER or PKCS#7 certificates.</summary>
    /// <exception cref="CertwrightException">The file is missing, too large or holds no certificate.</exception>
    public static async Task<TrustStore> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var store = await LoadAsync(path, vetted: false, cancellationToken).ConfigureAwait(false);
        return store.Count > 0
            ? store
            : throw new CertwrightException(ErrorKind.Usage, $"'{path}' holds no usable PEM certificate; give a file with -----BEGIN CERTIFICATE----- blocks (DER or PKCS#7 certificates work too)");
    }

    /// <summary>Loads the operating system's CA bundle (<c>SSL_CERT_FILE</c>, else Debian's, Red Hat's or Alpine's path).</summary>
    /// <exception cref="CertwrightException">No bundle was found.</exception>
    public static async Task<TrustStore> LoadSystemAsync(CancellationToken cancellationToken = default)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SSL_CERT_FILE");
        var candidates = string.IsNullOrEmpty(fromEnvironment) ? SystemBundlePaths : [fromEnvironment, .. SystemBundlePaths];
        foreach (var path in candidates)
        {
            if (File.Exists(path))
            {
                return await LoadAsync(path, vetted: true, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new CertwrightException(ErrorKind.State,
            $"no system CA bundle found (tried {string.Join(", ", candidates)}); install the Debian package 'ca-certificates' or pass --ca-file");
    }

    private static async Task<TrustStore> LoadAsync(string path, bool vetted, CancellationToken cancellationToken)
    {
        var content = await BoundedFile.ReadAllBytesAsync(path, MaxFileSize, "CA file", cancellationToken).ConfigureAwait(false);
        return FromContent(content, path, vetted);
    }

    /// <summary>Reads the certificates with the inventory's container readers (PEM blocks, DER, PKCS#7), then decodes each for validation.</summary>
    private static TrustStore FromContent(ReadOnlySpan<byte> content, string source, bool vetted)
    {
        var problems = new List<string>();
        var certificates = RawCertificateReader.Read(content, problems);
        return new TrustStore(source, certificates, problems, vetted);
    }

    internal IReadOnlyList<ParsedCertificate> FindBySubject(DistinguishedName name) =>
        _bySubject.TryGetValue(name.Key, out var list) ? list : [];

    /// <summary>Whether the certificate, or one with the same subject and key, is an anchor.</summary>
    internal bool Contains(ParsedCertificate certificate) =>
        _fingerprints.Contains(certificate.Sha256) || _subjectKeys.Contains(SubjectKey(certificate));

    internal bool ContainsExact(ParsedCertificate certificate) => _fingerprints.Contains(certificate.Sha256);

    private static string SubjectKey(ParsedCertificate certificate) => certificate.Subject.Key + "\u0000" + certificate.SpkiSha256;
}
