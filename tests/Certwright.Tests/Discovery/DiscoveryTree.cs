using System.Security.Cryptography;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Discovery;

/// <summary>A real directory tree of certificate files and noise, built by a test.</summary>
internal sealed class DiscoveryTree : IDisposable
{
    private static readonly Lazy<(string Leaf, string Root, byte[] Pkcs12)> Material = new(() =>
    {
        using var root = TestPki.CreateRoot("Discovery Root");
        using var leaf = TestPki.CreateLeaf(root, "discovery.example");
        return (leaf.CertificatePem, root.CertificatePem, leaf.Certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "tree-secret"));
    });

    private readonly TempDirectory _directory = new();

    public string Root => _directory.Path;

    public static string LeafPem => Material.Value.Leaf;

    public static string RootPem => Material.Value.Root;

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Write(string relative, string content) => _directory.Write(relative, content);

    public string Write(string relative, byte[] content) => _directory.Write(relative, content);

    public string WritePkcs12(string relative) => _directory.Write(relative, Material.Value.Pkcs12);

    public string WriteRandom(string relative, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x00;
        return _directory.Write(relative, bytes);
    }

    public void Link(string relative, string target)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(relative))!);
        File.CreateSymbolicLink(Path(relative), target);
    }

    public static string Sha256OfPem(string pem) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(pem[pem.IndexOf('\n', StringComparison.Ordinal)..pem.IndexOf("-----END", StringComparison.Ordinal)])));

    public void Dispose() => _directory.Dispose();
}
