using Certwright.Scanning.Probing;
using Certwright.Scanning.Probing.Internal;

namespace Certwright.Tests.Scanning.Probing;

public sealed class ClientHelloTests
{
    [Fact]
    public void Build_Tls12_HasRecordHandshakeVersionSuitesAndSni()
    {
        var bytes = ClientHello.Build(new HelloOffer(TlsVersion.Tls12, [0xC02F, 0x002F], [0x001D], "example.test"));

        Assert.Equal(new byte[] { 0x16, 0x03, 0x01 }, bytes[..3]);
        Assert.Equal(bytes.Length - 5, bytes[3] << 8 | bytes[4]);
        Assert.Equal(0x01, bytes[5]);
        Assert.Equal(bytes.Length - 9, bytes[6] << 16 | bytes[7] << 8 | bytes[8]);
        Assert.Equal(new byte[] { 0x03, 0x03 }, bytes[9..11]);
        var hello = Parse(bytes);
        Assert.Equal([0xC02F, 0x002F], hello.Suites);
        Assert.Contains(0x0000, hello.Extensions.Keys);
        Assert.EndsWith("example.test", System.Text.Encoding.ASCII.GetString(hello.Extensions[0x0000]), StringComparison.Ordinal);
        Assert.Contains(0x000D, hello.Extensions.Keys);
        Assert.DoesNotContain(0x002B, hello.Extensions.Keys);
    }

    [Fact]
    public void Build_Tls13WithoutKeyShare_OffersOnlyTls13AndAnEmptyKeyShareList()
    {
        var bytes = ClientHello.Build(new HelloOffer(TlsVersion.Tls13, [0x1301], [0x11EC], null, KeyShare: false));

        var hello = Parse(bytes);
        Assert.Equal(new byte[] { 0x03, 0x03 }, bytes[9..11]);
        Assert.Equal(new byte[] { 2, 0x03, 0x04 }, hello.Extensions[0x002B]);
        Assert.Equal(new byte[] { 0, 0 }, hello.Extensions[0x0033]);
        Assert.Equal(new byte[] { 0, 2, 0x11, 0xEC }, hello.Extensions[0x000A]);
        Assert.DoesNotContain(0x0000, hello.Extensions.Keys);
    }

    [Fact]
    public void Build_Tls13WithKeyShare_SendsA32ByteX25519Share()
    {
        var hello = Parse(ClientHello.Build(new HelloOffer(TlsVersion.Tls13, [0x1301], [0x001D, 0x0017], null)));

        var share = hello.Extensions[0x0033];
        Assert.Equal(38, share.Length);
        Assert.Equal(new byte[] { 0, 36, 0x00, 0x1D, 0, 32 }, share[..6]);
    }

    [Fact]
    public void Build_Ssl3_HasNoExtensionsAndTheRenegotiationScsv()
    {
        var bytes = ClientHello.Build(new HelloOffer(TlsVersion.Ssl30, [0x000A], [0x0017], "example.test"));

        Assert.Equal(new byte[] { 0x16, 0x03, 0x00 }, bytes[..3]);
        var hello = Parse(bytes);
        Assert.Equal([0x000A, 0x00FF], hello.Suites);
        Assert.Empty(hello.Extensions);
    }

    private static (int[] Suites, Dictionary<int, byte[]> Extensions) Parse(byte[] record)
    {
        var position = 9 + 2 + 32;
        position += 1 + record[position];
        var suiteLength = record[position] << 8 | record[position + 1];
        position += 2;
        var suites = Enumerable.Range(0, suiteLength / 2).Select(i => record[position + 2 * i] << 8 | record[position + 2 * i + 1]).ToArray();
        position += suiteLength;
        position += 1 + record[position];
        var extensions = new Dictionary<int, byte[]>();
        if (position == record.Length)
        {
            return (suites, extensions);
        }

        var end = position + 2 + (record[position] << 8 | record[position + 1]);
        Assert.Equal(record.Length, end);
        position += 2;
        while (position < end)
        {
            var type = record[position] << 8 | record[position + 1];
            var length = record[position + 2] << 8 | record[position + 3];
            extensions[type] = record[(position + 4)..(position + 4 + length)];
            position += 4 + length;
        }

        return (suites, extensions);
    }
}
