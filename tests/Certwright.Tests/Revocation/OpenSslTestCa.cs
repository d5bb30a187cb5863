using System.Globalization;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Revocation;

/// <summary>A certificate the test CA issued: its files and parsed record.</summary>
public sealed record IssuedCertificate(string Name, string CertificatePath, string KeyPath, CertificateRecord Record);

/// <summary>
/// A private CA made with the openssl CLI (<c>openssl ca</c> with its index.txt database): issues leaves with
/// the AIA OCSP and CRL DP URLs a test chooses, revokes them, produces CRLs and OCSP responses, and runs
/// <c>openssl ocsp</c> responders. It also makes a delegated OCSP signing certificate and an unrelated signer.
/// </summary>
public sealed class OpenSslTestCa : IDisposable
{
    private int _issued;

    private OpenSslTestCa(TempDirectory directory, string subject)
    {
        Directory = directory;
        Subject = subject;
    }

    public TempDirectory Directory { get; }

    public string Subject { get; }

    public string CertificatePath => Directory.File("ca.crt");

    public string KeyPath => Directory.File("ca.key");

    public string ConfigPath => Directory.File("ca.cnf");

    public string IndexPath => Directory.File("index.txt");

    public CertificateRecord Record { get; private set; } = null!;

    /// <summary>A responder certificate the CA issued with id-kp-OCSPSigning.</summary>
    public IssuedCertificate DelegatedResponder { get; private set; } = null!;

    /// <summary>A self-signed certificate that has nothing to do with the CA.</summary>
    public IssuedCertificate Unrelated { get; private set; } = null!;

    /// <param name="subjectName">The CA's common name; two CAs with one name differ only in their keys.</param>
    public static async Task<OpenSslTestCa> CreateAsync(string subjectName = "Revocation Test CA")
    {
        var ca = new OpenSslTestCa(new TempDirectory(), subjectName);
        try
        {
            await ca.InitializeAsync();
            return ca;
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        var dir = Directory.Path;
        System.IO.Directory.CreateDirectory(Directory.File("newcerts"));
        Directory.Write("index.txt", "");
        Directory.Write("index.txt.attr", "unique_subject = no\n");
        Directory.Write("serial", "1000\n");
        Directory.Write("crlnumber", "01\n");
        Directory.Write("ca.cnf", $"""
            [ ca ]
            default_ca = CA_default
            [ CA_default ]
            dir = {dir}
            database = $dir/index.txt
            new_certs_dir = $dir/newcerts
            certificate = $dir/ca.crt
            private_key = $dir/ca.key
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            default_md = sha256
            default_days = 90
            default_crl_days = 7
            policy = policy_any
            unique_subject = no
            copy_extensions = none
            [ policy_any ]
            commonName = supplied
            [ req ]
            distinguished_name = dn
            [ dn ]
            [ ca_ext ]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign, digitalSignature
            subjectKeyIdentifier = hash
            [ ocsp_ext ]
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = OCSPSigning
            """);
        await OpenSsl.RunAsync(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", KeyPath, "-out", CertificatePath, "-subj", "/CN=" + Subject, "-days", "3650",
            "-config", ConfigPath, "-extensions", "ca_ext");
        Record = CertificateRecord.FromDer(await ReadDerAsync(CertificatePath));
        DelegatedResponder = await IssueWithSectionAsync("ocsp-signer", "ocsp_ext", extensions: null);
        Unrelated = await SelfSignedAsync("unrelated");
    }

    /// <summary>Issues a server leaf for localhost/127.0.0.1 carrying the given OCSP and CRL URLs (either may be null).</summary>
    public Task<IssuedCertificate> IssueAsync(string name, string? ocspUrl, string? crlUrl)
    {
        var extensions = new List<string>
        {
            "basicConstraints = CA:FALSE",
            "keyUsage = critical, digitalSignature",
            "extendedKeyUsage = serverAuth",
            "subjectAltName = DNS:localhost, IP:127.0.0.1",
            "authorityKeyIdentifier = keyid",
        };
        if (ocspUrl is not null)
        {
            extensions.Add($"authorityInfoAccess = OCSP;URI:{ocspUrl}");
        }

        if (crlUrl is not null)
        {
            extensions.Add($"crlDistributionPoints = URI:{crlUrl}");
        }

        return IssueWithSectionAsync(name, "leaf_ext", extensions);
    }

    private async Task<IssuedCertificate> IssueWithSectionAsync(string name, string section, List<string>? extensions)
    {
        var unique = $"{name}-{Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture)}";
        var key = Directory.File(unique + ".key");
        var csr = Directory.File(unique + ".csr");
        var certificate = Directory.File(unique + ".crt");
        await OpenSsl.RunAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=" + name, "-config", ConfigPath);
        var arguments = new List<string> { "ca", "-batch", "-config", ConfigPath, "-in", csr, "-out", certificate, "-notext" };
        if (extensions is null)
        {
            arguments.AddRange(["-extensions", section]);
        }
        else
        {
            var extFile = Directory.Write(unique + ".ext", $"[ {section} ]\n{string.Join('\n', extensions)}\n");
            arguments.AddRange(["-extfile", extFile, "-extensions", section]);
        }

        await OpenSsl.RunAsync([.. arguments]);
        return new IssuedCertificate(name, certificate, key, CertificateRecord.FromDer(await ReadDerAsync(certificate)));
    }

    private async Task<IssuedCertificate> SelfSignedAsync(string name)
    {
        var key = Directory.File(name + ".key");
        var certificate = Directory.File(name + ".crt");
        await OpenSsl.RunAsync(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", certificate,
            "-subj", "/CN=" + name, "-days", "30", "-config", ConfigPath, "-extensions", "ocsp_ext");
        return new IssuedCertificate(name, certificate, key, CertificateRecord.FromDer(await ReadDerAsync(certificate)));
    }

    /// <summary>Marks the certificate revoked in the CA database (and so in later CRLs and responder answers).</summary>
    public Task RevokeAsync(IssuedCertificate certificate, string reason = "keyCompromise") =>
        OpenSsl.RunAsync("ca", "-config", ConfigPath, "-revoke", certificate.CertificatePath, "-crl_reason", reason);

    /// <summary>Appends <paramref name="count"/> revoked entries with random serials to the database (for large CRLs).</summary>
    public async Task AddRevokedEntriesAsync(int count)
    {
        var lines = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var serial = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            lines.Append(CultureInfo.InvariantCulture, $"R\t301231000000Z\t250101000000Z,superseded\t7{serial[1..]}\tunknown\t/CN=bulk{i}\n");
        }

        await File.AppendAllTextAsync(IndexPath, lines.ToString());
    }

    /// <summary>A DER CRL of the current database, valid for <paramref name="hours"/> hours.</summary>
    public async Task<byte[]> CrlAsync(int hours = 24)
    {
        var pem = Directory.File($"crl-{Guid.NewGuid():N}.pem");
        await OpenSsl.RunAsync("ca", "-config", ConfigPath, "-gencrl", "-crlhours", hours.ToString(CultureInfo.InvariantCulture), "-out", pem);
        var der = pem + ".der";
        await OpenSsl.RunAsync("crl", "-in", pem, "-outform", "DER", "-out", der);
        return await File.ReadAllBytesAsync(der);
    }

    /// <summary>
    /// A DER OCSP response for <paramref name="certificate"/> made offline by <c>openssl ocsp</c>: a request (with a
    /// nonce when <paramref name="withNonce"/>), answered from the index by the CA or the given signer.
    /// </summary>
    public async Task<byte[]> OcspResponseAsync(IssuedCertificate certificate, bool withNonce = false, IssuedCertificate? signer = null, int validMinutes = 60)
    {
        var id = Guid.NewGuid().ToString("N");
        var request = Directory.File($"req-{id}.der");
        var response = Directory.File($"resp-{id}.der");
        await OpenSsl.RunAsync(["ocsp", "-issuer", CertificatePath, "-cert", certificate.CertificatePath, "-reqout", request, withNonce ? "-nonce" : "-no_nonce"]);
        await OpenSsl.RunAsync(
            "ocsp", "-index", IndexPath, "-CA", CertificatePath, "-rsigner", signer?.CertificatePath ?? CertificatePath, "-rkey", signer?.KeyPath ?? KeyPath,
            "-reqin", request, "-respout", response, "-nmin", validMinutes.ToString(CultureInfo.InvariantCulture));
        return await File.ReadAllBytesAsync(response);
    }

    /// <summary>
    /// A fresh <c>openssl ocsp</c> responder on <paramref name="port"/> answering from the index, signed by the CA or
    /// <paramref name="signer"/>. Readiness comes from the listen table (a probe connection would wedge OpenSSL 3.0's responder).
    /// </summary>
    public Task<BackgroundServer> StartResponderAsync(int port, IssuedCertificate? signer = null) =>
        BackgroundServer.StartAsync(
            OpenSsl.Executable,
            ["ocsp", "-index", IndexPath, "-port", port.ToString(CultureInfo.InvariantCulture), "-CA", CertificatePath,
             "-rsigner", signer?.CertificatePath ?? CertificatePath, "-rkey", signer?.KeyPath ?? KeyPath, "-nmin", "60"],
            port,
            workingDirectory: Directory.Path);

    /// <summary>Writes the certificate followed by the CA certificate (what a server presents) and returns the path.</summary>
    public async Task<string> FullChainAsync(IssuedCertificate certificate)
    {
        var path = Directory.File($"{Path.GetFileNameWithoutExtension(certificate.CertificatePath)}-fullchain.pem");
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(certificate.CertificatePath) + await File.ReadAllTextAsync(CertificatePath));
        return path;
    }

    private static async Task<byte[]> ReadDerAsync(string pemPath)
    {
        var pem = await File.ReadAllTextAsync(pemPath);
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        using (certificate)
        {
            return certificate.RawData;
        }
    }

    public void Dispose() => Directory.Dispose();
}
