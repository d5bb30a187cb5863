using System.Diagnostics;
using System.Net;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;
using Xunit.Abstractions;

namespace Certwright.Tests.Certificates;

/// <summary>Prints parse throughput for the record (timings are not asserted: the machine is shared).</summary>
public sealed class CertificateParserThroughputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TestKeyType.EcP256)]
    [InlineData(TestKeyType.Rsa2048)]
    public void Parse_TypicalLeafManyTimes_SameRecordEachTime(TestKeyType keyType)
    {
        using var root = TestPki.CreateRoot(keyType: keyType);
        using var leaf = TestPki.CreateLeaf(root, "www.example.com", ["www.example.com", "example.com"], [IPAddress.Parse("192.0.2.1")], keyType: keyType);
        var der = new ReadOnlyMemory<byte>(leaf.Der);
        const int Count = 5_000;

        var stopwatch = Stopwatch.StartNew();
        var same = 0;
        for (var i = 0; i < Count; i++)
        {
            same += CertificateParser.Parse(der).Sha256 == leaf.Sha256 ? 1 : 0;
        }

        stopwatch.Stop();
        Assert.Equal(Count, same);
        output.WriteLine($"{keyType} leaf: {Count / stopwatch.Elapsed.TotalSeconds:N0} certificates/s single-threaded (Debug build, shared machine)");
    }
}
