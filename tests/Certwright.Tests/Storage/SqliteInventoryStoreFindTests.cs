using static Certwright.Tests.Storage.TestRecords;

namespace Certwright.Tests.Storage;

public sealed class SqliteInventoryStoreFindTests
{
    private const string Sha256A = "deadbeef00112233445566778899aabbccddeeff00112233445566778899aabb";
    private const string Sha256B = "deadbeef11112233445566778899aabbccddeeff00112233445566778899aabb";
    private const string Sha256C = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Sha1C = "fedcba9876543210fedcba9876543210fedcba98";

    [Theory]
    [InlineData(Sha256C)]
    [InlineData("01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF")]
    [InlineData("01234567")]
    [InlineData("01:23:45:67:8")]
    [InlineData("0123456789ABCDEF")]
    [InlineData(Sha1C)]
    [InlineData("FE:DC:BA:98")]
    [InlineData("c0ffee01")]
    [InlineData("00:C0:FF:EE:01")]
    public async Task FindAsync_FingerprintPrefixOrSerial_FindsTheCertificate(string input)
    {
        await using var fixture = await CreateAsync();

        var entry = await fixture.Store!.FindAsync(input, default);

        Assert.Equal(Sha256C, entry?.Sha256);
    }

    [Fact]
    public async Task FindAsync_AmbiguousPrefix_ThrowsUsageWithCandidateCount()
    {
        await using var fixture = await CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => fixture.Store!.FindAsync("DE:AD:BE:EF", default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("'DE:AD:BE:EF' matches 2 certificates; give more digits of the SHA-256 fingerprint", error.Message);
        Assert.Equal(Sha256B, (await fixture.Store!.FindAsync("deadbeef1", default))?.Sha256);
    }

    [Fact]
    public async Task FindAsync_SerialSharedByTwoCertificates_IsAmbiguous()
    {
        await using var fixture = await CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => fixture.Store!.FindAsync("1234", default));

        Assert.Equal("'1234' matches 2 certificates; give more digits of the SHA-256 fingerprint", error.Message);
    }

    [Fact]
    public async Task FindAsync_NoMatch_ReturnsNull()
    {
        await using var fixture = await CreateAsync();

        Assert.Null(await fixture.Store!.FindAsync("abcdef0123", default));
        Assert.Null(await fixture.Store!.FindAsync(new string('f', 64), default));
    }

    [Theory]
    [InlineData("beef", "'beef' is no known serial number and too short for a fingerprint prefix; give at least 8 hex digits of the SHA-256 fingerprint")]
    [InlineData("api.example.test", "'api.example.test' is not a certificate fingerprint or serial number; give hex digits (colons allowed), e.g. the SHA-256 fingerprint from 'certwright list'")]
    [InlineData("", "'' is not a certificate fingerprint or serial number; give hex digits (colons allowed), e.g. the SHA-256 fingerprint from 'certwright list'")]
    public async Task FindAsync_UnusableInput_ThrowsUsage(string input, string message)
    {
        await using var fixture = await CreateAsync();

        var error = await Assert.ThrowsAsync<CertwrightException>(() => fixture.Store!.FindAsync(input, default));

        Assert.Equal((ErrorKind.Usage, message), (error.Kind, error.Message));
    }

    private static async Task<StoreFixture> CreateAsync()
    {
        var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RecordAsync(
            [
                Seen(Fake("a", Epoch, sha256: Sha256A, serial: "1234"), File("/a.pem"), Epoch),
                Seen(Fake("b", Epoch, sha256: Sha256B, serial: "1234"), File("/b.pem"), Epoch),
                Seen(Fake("c", Epoch, sha256: Sha256C, sha1: Sha1C, serial: "C0FFEE01"), File("/c.pem"), Epoch),
            ],
            default);
        return fixture;
    }
}
