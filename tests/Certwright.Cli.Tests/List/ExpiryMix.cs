using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.List;

/// <summary>Four imported certificates: expired three days ago, and expiring in 5, 20 and 60 days.</summary>
internal sealed record ExpiryMix(string Expired, string In5, string In20, string In60)
{
    /// <summary>Names for the tables of expected results.</summary>
    public string this[string name] => name switch
    {
        "expired" => Expired,
        "5d" => In5,
        "20d" => In20,
        "60d" => In60,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown certificate"),
    };

    public static async Task<ExpiryMix> ImportAsync(CliSession session)
    {
        using var root = TestPki.CreateRoot("List Root", notBefore: Expiry.IssuedLongAgo);
        using var expired = Leaf(root, "expired.example.test", -3);
        using var in5 = Leaf(root, "in5.example.test", 5);
        using var in20 = Leaf(root, "in20.example.test", 20);
        using var in60 = Leaf(root, "in60.example.test", 60);
        var directory = session.Work.File("expiry");
        session.Work.WritePem("expiry/expired.pem", expired);
        session.Work.WritePem("expiry/in5.pem", in5);
        session.Work.WritePem("expiry/in20.pem", in20);
        session.Work.WritePem("expiry/in60.pem", in60);
        (await session.RunAsync("import", directory)).ExpectExit(0);
        return new ExpiryMix(expired.Sha256, in5.Sha256, in20.Sha256, in60.Sha256);
    }

    private static TestCertificate Leaf(TestCertificate root, string name, int days) =>
        TestPki.CreateLeaf(root, name, notBefore: Expiry.IssuedLongAgo, notAfter: Expiry.InDays(days));
}
