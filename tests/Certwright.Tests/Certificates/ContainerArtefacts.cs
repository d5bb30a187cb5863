using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

/// <summary>
/// Real container files made once per test class by the openssl CLI and Java's keytool: a CA, two
/// leaves and keys, then PEM, DER, PKCS#7, PKCS#12 (several flavours) and JKS/JCEKS/PKCS#12 keystores.
/// </summary>
public sealed class ContainerArtefacts : IAsyncLifetime
{
    public const string P12Password = "p12-secret";
    public const string StorePassword = "store-secret";

    private readonly TempDirectory _directory = new();

    public string this[string name] => _directory.File(name);

    public string Directory => _directory.Path;

    public async Task InitializeAsync()
    {
        await Req("ca", "/C=DE/O=Artefacts/CN=Artefacts Root CA", "-addext", "basicConstraints=critical,CA:TRUE");
        await Task.WhenAll(
            Req("leaf", "/CN=leaf.example", "-CA", this["ca.pem"], "-CAkey", this["ca.key"], "-addext", "subjectAltName=DNS:leaf.example"),
            Req("other", "/CN=other.example", "-CA", this["ca.pem"], "-CAkey", this["ca.key"]));
        await File.WriteAllTextAsync(this["bundle.pem"], await File.ReadAllTextAsync(this["leaf.pem"]) + await File.ReadAllTextAsync(this["ca.pem"]));

        await Task.WhenAll(
            OpenSsl.RunAsync("x509", "-in", this["leaf.pem"], "-outform", "DER", "-out", this["leaf.der"]),
            OpenSsl.RunAsync("x509", "-in", this["ca.pem"], "-outform", "DER", "-out", this["ca.der"]),
            OpenSsl.RunAsync("x509", "-in", this["ca.pem"], "-addtrust", "serverAuth", "-setalias", "My Root", "-trustout", "-out", this["trusted.pem"]),
            OpenSsl.RunAsync("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:kpw", "-out", this["encrypted.key"]),
            OpenSsl.RunAsync("pkey", "-in", this["leaf.key"], "-traditional", "-aes128", "-passout", "pass:kpw", "-out", this["traditional.key"]),
            OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", this["bundle.pem"], "-out", this["bundle.p7b"]),
            OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", this["bundle.pem"], "-outform", "DER", "-out", this["bundle.p7b.der"]),
            OpenSsl.RunAsync("req", "-new", "-key", this["leaf.key"], "-subj", "/CN=csr.example", "-outform", "DER", "-out", this["request.csr.der"]),
            P12("password.p12", $"pass:{P12Password}", "-name", "leaf-alias"),
            P12("legacy.p12", $"pass:{P12Password}", "-legacy", "-name", "legacy-alias"),
            P12("empty-password.p12", "pass:"),
            P12("nokeys.p12", $"pass:{P12Password}", "-nokeys"),
            P12("plain.p12", "pass:", "-nomac", "-certpbe", "NONE", "-keypbe", "NONE"),
            P12("plain-certs-with-mac.p12", $"pass:{P12Password}", "-certpbe", "NONE"),
            P12("many-iterations.p12", $"pass:{P12Password}", "-iter", "700000"),
            KeyStore("store.jks", "JKS"),
            KeyStore("store.jceks", "JCEKS"),
            KeyStore("store.p12", "PKCS12"),
            KeyStoreWithSecrets("secrets.jceks"));

        // A CRL for the unsupported-DER case.
        await File.WriteAllTextAsync(this["ca.cnf"], $"[ca]\ndefault_ca=d\n[d]\ndatabase={this["index.txt"]}\ncrlnumber={this["crlnumber"]}\ndefault_md=sha256\ndefault_crl_days=30\n");
        await File.WriteAllTextAsync(this["index.txt"], "");
        await File.WriteAllTextAsync(this["crlnumber"], "01\n");
        await OpenSsl.RunAsync("ca", "-config", this["ca.cnf"], "-gencrl", "-keyfile", this["ca.key"], "-cert", this["ca.pem"], "-out", this["ca.crl"]);
        await OpenSsl.RunAsync("crl", "-in", this["ca.crl"], "-outform", "DER", "-out", this["ca.crl.der"]);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> Req(string name, string subject, params string[] extra) =>
        OpenSsl.RunAsync([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", this[name + ".key"], "-out", this[name + ".pem"], "-subj", subject, "-days", "30", .. extra]);

    private Task<string> P12(string name, string passout, params string[] extra) =>
        OpenSsl.RunAsync([
            "pkcs12", "-export", "-in", this["leaf.pem"], "-inkey", this["leaf.key"], "-certfile", this["ca.pem"],
            "-out", this[name], "-passout", passout, .. extra]);

    private async Task KeyStoreWithSecrets(string name)
    {
        // Secret keys (as Hadoop credential stores hold) around the certificate entries.
        await Keytool.RunAsync(
            "-genseckey", "-storetype", "JCEKS", "-keystore", this[name], "-storepass", StorePassword, "-keypass", StorePassword,
            "-alias", "aes-key", "-keyalg", "AES", "-keysize", "128");
        await KeyStore(name, "JCEKS");
        await Keytool.RunAsync(
            "-genseckey", "-storetype", "JCEKS", "-keystore", this[name], "-storepass", StorePassword, "-keypass", StorePassword,
            "-alias", "hmac-key", "-keyalg", "HmacSHA256", "-keysize", "256");
    }

    private async Task KeyStore(string name, string type)
    {
        await Keytool.RunAsync(
            "-genkeypair", "-storetype", type, "-keystore", this[name], "-storepass", StorePassword, "-keypass", StorePassword,
            "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", $"CN={type.ToLowerInvariant()}.example", "-validity", "30");
        await Keytool.RunAsync(
            "-importcert", "-noprompt", "-storetype", type, "-keystore", this[name], "-storepass", StorePassword,
            "-alias", "trusted root", "-file", this["ca.pem"]);
    }
}

/// <summary>One set of artefacts for every container test class: keytool and openssl run once.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerArtefactsCollection : ICollectionFixture<ContainerArtefacts>
{
    public const string Name = "container artefacts";
}
