using Certwright.Authority;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Cli.Commands;

/// <summary>A PKCS#12 file with the generated key, the leaf and the chain (BouncyCastle: it handles every key type).</summary>
internal static class IssuePkcs12
{
    public static byte[] Build(IssuanceResult result, string password)
    {
        var parser = new X509CertificateParser();
        var chain = new[] { result.Certificate.Der }.Concat(result.Chain).Select(der => new X509CertificateEntry(parser.ReadCertificate(der))).ToArray();
        var store = new Pkcs12StoreBuilder().Build();
        store.SetKeyEntry("certwright", new AsymmetricKeyEntry(PrivateKeyFactory.CreateKey(result.PrivateKeyPkcs8)), chain);
        using var output = new MemoryStream();
        store.Save(output, password.ToCharArray(), new SecureRandom());
        return output.ToArray();
    }
}
