using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Certwright.Certificates;
using Certwright.Cli.Output;
using Certwright.Inventory;
using Certwright.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Cli.Tests.Output;

public sealed class InventoryEntryJsonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("certwright-cli-test-");
    private IInventoryStore? _store;

    public static TheoryData<string> Names => new()
    {
        "plain.example.test",
        "quote\"and\\backslash",
        "control\u0001char\u001f and DEL\u007f",
        "caf\u00e9 \u4e2d\u6587 \ud83d\ude00",
        "html <b>&amp;</b> 'single' +plus `tick`",
        "line\nbreak\ttab",
        "soft\u00adhyphen zero\u200bwidth line\u2028separator bom\ufeff",
    };

    public async Task InitializeAsync() =>
        _store = await InventoryStore.OpenAsync(new StorageOptions { DataDirectory = _data.FullName }, new FakeTimeProvider(Now), default);

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task WriteUtf8_AnyText_WritesTheBytesUtf8JsonWriterWrites(string name)
    {
        var record = Record(name, Now.AddDays(10));
        await _store!.RecordAsync([new CertificateObservation(record, new SightingLocation(SightingKind.File, $"/certs/{name}.pem", Detail: name), 0, Now)], default);
        var entry = Assert.Single(await ToListAsync(_store.ListAsync(InventoryQuery.All, default)));

        using var reader = await _store.OpenListAsync(InventoryQuery.All, default);
        Assert.True(reader.Read());
        var fast = new ArrayBufferWriter<byte>();
        InventoryEntryJson.WriteUtf8(fast, reader, Now, TimeSpan.FromDays(30));

        Assert.Equal(Expected(entry, TimeSpan.FromDays(30)), Encoding.UTF8.GetString(fast.WrittenSpan));
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task WriteUtf8_NoCommonNameAndExpired_WritesNullAndTheStatus()
    {
        var record = Record("expired.test", Now.AddDays(-3)) with { CommonName = null, Subject = "O=No Common Name" };
        await _store!.RecordAsync([new CertificateObservation(record, new SightingLocation(SightingKind.File, "/certs/expired.pem"), 0, Now)], default);

        using var reader = await _store.OpenListAsync(InventoryQuery.All, default);
        Assert.True(reader.Read());
        var fast = new ArrayBufferWriter<byte>();
        InventoryEntryJson.WriteUtf8(fast, reader, Now, TimeSpan.FromDays(30));

        using var document = JsonDocument.Parse(fast.WrittenMemory);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("commonName").ValueKind);
        Assert.Equal(("expired", -3), (document.RootElement.GetProperty("status").GetString(), document.RootElement.GetProperty("daysLeft").GetInt32()));
        Assert.Equal(Now.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), document.RootElement.GetProperty("notAfter").GetString());
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("CN=plain,O=Example Corp,C=DE with more than sixteen bytes", false)]
    [InlineData("0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("0123456789abcdef\\", true)]
    [InlineData("short\u0001", true)]
    [InlineData("0123456789abcdef0123456789abcde\u007f", true)]
    [InlineData("0123456789abcdef\u00e9", true)]
    [InlineData("~ !#$%&'()*+,-./:;<=>?@[]^_`{|}", false)]
    public void MayNeedEscaping_Text_FlagsEveryByteTheEncoderMightEscape(string text, bool expected) =>
        Assert.Equal(expected, InventoryEntryJson.MayNeedEscaping(Encoding.UTF8.GetBytes(text)));

    private static string Expected(InventoryEntry entry, TimeSpan soon)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            InventoryEntryJson.Write(writer, entry, Now, soon);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static CertificateRecord Record(string name, DateTimeOffset notAfter)
    {
        var der = Encoding.UTF8.GetBytes($"fake DER of {name}");
        return new CertificateRecord
        {
            Der = der,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
            Sha1 = Convert.ToHexStringLower(SHA1.HashData(der)),
            Version = 3,
            SerialNumber = "00AB" + Convert.ToHexString(SHA1.HashData(der))[..12],
            Subject = $"CN={name},O=Example",
            Issuer = $"CN=Issuer of {name}",
            CommonName = name,
            NotBefore = notAfter.AddDays(-90),
            NotAfter = notAfter,
            SubjectAlternativeNames = [new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, name), new SubjectAlternativeName(SubjectAlternativeNameKind.Uri, "spiffe://" + name)],
            PublicKey = new PublicKeyDescription(KeyAlgorithm.Ec, 256, "P-256", "1.2.840.10045.2.1"),
            SignatureAlgorithm = "ecdsa-with-SHA256",
            SignatureAlgorithmOid = "1.2.840.10045.4.3.2",
        };
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
