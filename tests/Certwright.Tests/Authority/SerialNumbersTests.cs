using Certwright.Authority;

namespace Certwright.Tests.Authority;

public sealed class SerialNumbersTests
{
    [Theory]
    [InlineData("00:8F:01", "8F01")]
    [InlineData("8f01", "8F01")]
    [InlineData("0x0A bc", "0ABC")]
    [InlineData("abc", "0ABC")]
    [InlineData("00", "00")]
    public void TryParseHex_AcceptsOpensslAndColonForms(string text, string expected) =>
        Assert.Equal(expected, Convert.ToHexString(SerialNumbers.TryParseHex(text)!));

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("12-34")]
    public void TryParseHex_NotHex_ReturnsNull(string text) => Assert.Null(SerialNumbers.TryParseHex(text));

    [Fact]
    public void Normalize_DerSignByte_IsDropped() =>
        Assert.Equal(new byte[] { 0x80, 0x01 }, SerialNumbers.Normalize([0x00, 0x80, 0x01]));
}
