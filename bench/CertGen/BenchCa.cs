using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Bench.CertGen;

/// <summary>
/// The benchmark PKI: an EC P-384 root, an EC P-256 issuing CA (most leaves) and an RSA 2048 issuing CA
/// (a minority, so RSA signing does not dominate generation). Made once per directory and reused, so
/// leaves generated in different runs chain to the same <c>ca.pem</c>.
/// </summary>
internal sealed class BenchCa : IDisposable
{
    public const string BaseUrl = "http://pki.bench.example";
    private static readonly string[] Names = ["root", "ec-issuer", "rsa-issuer"];

    private BenchCa(string directory, X509Certificate2 root, IssuerTemplate[] issuers)
    {
        Directory = directory;
        Root = root;
        Issuers = issuers;
    }

    public string Directory { get; }

    public X509Certificate2 Root { get; }

    /// <summary>Index 0 is the EC issuer, index 1 the RSA issuer.</summary>
    public IssuerTemplate[] Issuers { get; }

    public static BenchCa LoadOrCreate(string directory, DateTimeOffset now)
    {
        if (!File.Exists(Path.Combine(directory, "ca.pem")))
        {
            Create(directory, now);
        }

        var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "root.crt"));
        var issuers = Names[1..].Select(name =>
        {
            using var cert = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, name + ".crt"));
            return IssuerTemplate.From(name, cert, File.ReadAllText(Path.Combine(directory, name + ".key")), BaseUrl);
        }).ToArray();
        return new BenchCa(directory, root, issuers);
    }

    public string IssuerCertificatePem(int index) => File.ReadAllText(Path.Combine(Directory, Names[index + 1] + ".crt"));

    public void Dispose() => Root.Dispose();

    private static void Create(string directory, DateTimeOffset now)
    {
        // Build in a temporary sibling and rename, so a crash never leaves a half-made CA behind.
        var temp = $"{directory}.tmp-{Environment.ProcessId}";
        System.IO.Directory.CreateDirectory(temp);

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var rootRequest = new CertificateRequest(CaName("Certwright Bench Root CA"), rootKey, HashAlgorithmName.SHA384);
        AddCaExtensions(rootRequest, pathLength: null);
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        Write(temp, "root", root, rootKey.ExportPkcs8PrivateKeyPem());

        // The root signs both issuing CAs through a generator, since the RSA one has a different key type.
        var rootSigner = X509SignatureGenerator.CreateForECDsa(rootKey);
        using var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteIssuer(temp, "ec-issuer", "Certwright Bench EC Issuing CA", root, rootSigner, new PublicKey(ecKey), ecKey, now);
        using var rsaKey = RSA.Create(2048);
        WriteIssuer(temp, "rsa-issuer", "Certwright Bench RSA Issuing CA", root, rootSigner, new PublicKey(rsaKey), rsaKey, now);

        File.WriteAllText(Path.Combine(temp, "ca.pem"), root.ExportCertificatePem() + "\n");
        System.IO.Directory.Move(temp, directory);
    }

    private static void WriteIssuer(string dir, string name, string commonName, X509Certificate2 root, X509SignatureGenerator rootSigner, PublicKey publicKey, AsymmetricAlgorithm key, DateTimeOffset now)
    {
        var request = new CertificateRequest(CaName(commonName), publicKey, HashAlgorithmName.SHA384);
        AddCaExtensions(request, pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{BaseUrl}/root.crl"]));
        using var cert = request.Create(root.SubjectName, rootSigner, now.AddDays(-1), now.AddYears(10), RandomSerial());
        Write(dir, name, cert, key.ExportPkcs8PrivateKeyPem());
    }

    private static X500DistinguishedName CaName(string commonName)
    {
        // The builder encodes the last RDN added first: this yields C, O, CN in DER order, as the leaves have.
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        name.AddOrganizationName("Certwright Bench");
        name.AddCountryOrRegion("US");
        return name.Build();
    }

    private static void AddCaExtensions(CertificateRequest request, int? pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    private static void Write(string dir, string name, X509Certificate2 cert, string keyPem)
    {
        File.WriteAllText(Path.Combine(dir, name + ".crt"), cert.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(dir, name + ".key"), keyPem + "\n");
        RestrictToOwner(Path.Combine(dir, name + ".key"));
    }

    /// <summary>Private keys are mode 0600, even for throw-away benchmark CAs.</summary>
    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
