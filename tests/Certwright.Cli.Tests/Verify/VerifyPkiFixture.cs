using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Verify;

/// <summary>Files of one hierarchy, written once per class: root, intermediate, a server-only leaf, and a bundle of leaf and intermediate.</summary>
public sealed class VerifyPkiFixture : IDisposable
{
    public VerifyPkiFixture()
    {
        // RSA: TestPki gives leaves keyEncipherment, which is wrong for an EC key (RFC 5480) and would be flagged.
        Root = TestPki.CreateRoot("Verify Root", notBefore: Expiry.IssuedLongAgo, keyType: TestKeyType.Rsa2048);
        Intermediate = TestPki.CreateIntermediate(Root, "Verify Intermediate", notBefore: Expiry.IssuedLongAgo, keyType: TestKeyType.Rsa2048);
        Leaf = TestPki.CreateLeaf(
            Intermediate,
            "svc.example.test",
            notBefore: DateTimeOffset.UtcNow.AddDays(-10),
            notAfter: Expiry.InDays(90),
            keyType: TestKeyType.Rsa2048,
            serverAuth: true,
            clientAuth: false);
        RootFile = Directory.WritePem("root.pem", Root);
        IntermediateFile = Directory.WritePem("intermediate.pem", Intermediate);
        LeafFile = Directory.WritePem("leaf.pem", Leaf);
        FullChainFile = Directory.WritePem("fullchain.pem", Leaf, Intermediate);
        KeyFile = Directory.WriteKey("leaf.key", Leaf);
    }

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; }

    public TestCertificate Intermediate { get; }

    public TestCertificate Leaf { get; }

    public string RootFile { get; }

    public string IntermediateFile { get; }

    public string LeafFile { get; }

    public string FullChainFile { get; }

    /// <summary>A PEM private key: a file with no certificate in it.</summary>
    public string KeyFile { get; }

    public void Dispose()
    {
        Leaf.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
        Directory.Dispose();
    }
}
