using Certwright.Acme.Client;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

public sealed class AcmeOrderProcessTests
{
    [Fact]
    public void ToBundle_ChainEndingInSelfSignedRoot_RootDropped()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);
        using var leaf = TestPki.CreateLeaf(intermediate);

        var bundle = AcmeOrderProcess.ToBundle(new AcmeCertificateChain([leaf.Der, intermediate.Der, root.Der], []), [1, 2, 3]);

        Assert.Equal(leaf.Der, bundle.Leaf);
        Assert.Equal([intermediate.Der], bundle.Chain);
        Assert.Equal([1, 2, 3], bundle.PrivateKeyPkcs8);
    }

    [Fact]
    public void TopIssuerMatches_IssuerCommonName_CaseInsensitive()
    {
        using var root = TestPki.CreateRoot("Pebble Root CA 1a2b");
        using var leaf = TestPki.CreateLeaf(root);
        var chain = new AcmeCertificateChain([leaf.Der], []);

        Assert.True(AcmeOrderProcess.TopIssuerMatches(chain, "pebble root ca 1a2b"));
        Assert.False(AcmeOrderProcess.TopIssuerMatches(chain, "Pebble Root CA"));
    }
}
