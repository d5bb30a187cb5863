using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Authority.TestSupport;

/// <summary>
/// A CA made by the openssl CLI, as an operator would bring one to <c>ca import</c>: a root (PKCS#8 key) and an issuing
/// intermediate whose key is traditional OpenSSL PEM (<c>EC PRIVATE KEY</c> after an <c>EC PARAMETERS</c> block, or
/// <c>RSA PRIVATE KEY</c>). Also makes leaves and CA certificates without keyCertSign for the refusal tests.
/// </summary>
public sealed class OpenSslCa
{
    private const string Config = """
        [req]
        distinguished_name = dn
        [dn]
        [v3_root]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [v3_int]
        basicConstraints = critical,CA:TRUE,pathlen:0
        keyUsage = critical,digitalSignature,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid:always
        [v3_nosign]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,digitalSignature,cRLSign
        [v3_leaf]
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature
        """;

    private readonly TempDirectory _directory;
    private readonly string _config;
    private readonly bool _rsa;

    private OpenSslCa(TempDirectory directory, string prefix, bool rsa)
    {
        _directory = directory;
        _rsa = rsa;
        Prefix = prefix;
        _config = directory.Write(prefix + "-ca.cnf", Config + "\n");
    }

    public string Prefix { get; }

    public string RootKey => _directory.File(Prefix + "-root.key");

    public string RootPem => _directory.File(Prefix + "-root.pem");

    /// <summary>The issuing CA's key, traditional PEM (EC or RSA PRIVATE KEY).</summary>
    public string IssuingKey => _directory.File(Prefix + "-issuing.key");

    public string IssuingPem => _directory.File(Prefix + "-issuing.pem");

    /// <summary>Creates root and intermediate in <paramref name="directory"/>; <paramref name="rsa"/> for RSA-2048, else EC P-256.</summary>
    public static async Task<OpenSslCa> CreateAsync(TempDirectory directory, string prefix, bool rsa)
    {
        var ca = new OpenSslCa(directory, prefix, rsa);
        await ca.NewPkcs8KeyAsync(ca.RootKey);
        await OpenSsl.RunAsync("req", "-x509", "-new", "-key", ca.RootKey, "-config", ca._config, "-extensions", "v3_root", "-subj", $"/CN={prefix} Root CA", "-days", "3650", "-out", ca.RootPem);
        await (rsa
            ? OpenSsl.RunAsync("genrsa", "-traditional", "-out", ca.IssuingKey, "2048")
            : OpenSsl.RunAsync("ecparam", "-name", "prime256v1", "-genkey", "-out", ca.IssuingKey));
        await ca.SignAsync(ca.IssuingKey, $"{prefix} Issuing CA", "v3_int", ca.RootPem, ca.RootKey, ca.IssuingPem);
        return ca;
    }

    /// <summary>A certificate for a new key, signed by the issuing CA with the extensions of <paramref name="section"/> (v3_leaf, v3_nosign).</summary>
    public async Task<(string Cert, string Key)> IssueAsync(string name, string section)
    {
        var key = _directory.File($"{Prefix}-{name}.key");
        var cert = _directory.File($"{Prefix}-{name}.pem");
        await NewPkcs8KeyAsync(key);
        await SignAsync(key, name, section, IssuingPem, IssuingKey, cert);
        return (cert, key);
    }

    /// <summary>The issuing key as encrypted PKCS#8 (AES-256, PBKDF2) under <paramref name="password"/>.</summary>
    public async Task<string> EncryptedIssuingKeyAsync(string password)
    {
        var path = _directory.File(Prefix + "-issuing-encrypted.key");
        await OpenSsl.RunAsync("pkcs8", "-topk8", "-in", IssuingKey, "-v2", "aes-256-cbc", "-passout", "pass:" + password, "-out", path);
        return path;
    }

    private Task<string> NewPkcs8KeyAsync(string path) => _rsa
        ? OpenSsl.RunAsync("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path)
        : OpenSsl.RunAsync("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path);

    private async Task SignAsync(string key, string subject, string section, string issuerPem, string issuerKey, string outPem)
    {
        var csr = outPem + ".csr";
        await OpenSsl.RunAsync("req", "-new", "-key", key, "-config", _config, "-subj", "/CN=" + subject, "-out", csr);
        await OpenSsl.RunAsync("x509", "-req", "-in", csr, "-CA", issuerPem, "-CAkey", issuerKey, "-extfile", _config, "-extensions", section, "-days", "1825", "-out", outPem);
    }
}
