using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Client;
using Certwright.Keys;
using Certwright.Renewal;
using Certwright.Renewal.Deploy;

namespace Certwright.Tests.Acme.TestSupport;

/// <summary>Builds ACME sources against a test Pebble and checks what they obtained.</summary>
public static class AcmeTestKit
{
    public static AcmeSourceOptions Options(PebbleServer pebble, string accountDirectory, string challenge = "http-01") => new()
    {
        DirectoryUrl = pebble.DirectoryUrl,
        CaFile = pebble.CaFile,
        AccountDirectory = accountDirectory,
        Email = "ops@example.test",
        Challenge = challenge,
        HttpPort = pebble.Settings.HttpPort,
        TlsPort = pebble.Settings.TlsPort,
        ListenAddress = IPAddress.Loopback,
        DnsHook = challenge == "dns-01" ? pebble.DnsHookCommand : null,
        Client = new AcmeClientOptions { DirectoryUrl = pebble.DirectoryUrl, PollInterval = TimeSpan.FromMilliseconds(100), PollTimeout = TimeSpan.FromSeconds(60) },
    };

    public static CertificateOrder Order(params string[] domains) => new("web", domains, KeyType.EcP256);

    /// <summary>
    /// Asserts the bundle is a certificate for exactly <paramref name="domains"/>, signed up to Pebble's root
    /// <paramref name="rootIndex"/>, with the matching private key; returns the leaf.
    /// </summary>
    public static async Task<X509Certificate2> AssertIssuedAsync(CertificateBundle bundle, PebbleServer pebble, IReadOnlyList<string> domains, int rootIndex = 0)
    {
        var leaf = X509CertificateLoader.LoadCertificate(bundle.Leaf);
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(domains.Order(), san.EnumerateDnsNames().Order());
        Assert.NotEmpty(bundle.Chain);

        using var root = X509Certificate2.CreateFromPem(await pebble.RootPemAsync(rootIndex));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var der in bundle.Chain)
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(der));
        }

        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(bundle.Chain.Count + 2, chain.ChainElements.Count);

        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(bundle.PrivateKeyPkcs8, out _);
        using var leafKey = leaf.GetECDsaPublicKey()!;
        Assert.Equal(leafKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        return leaf;
    }
}
