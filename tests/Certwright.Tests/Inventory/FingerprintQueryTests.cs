using Certwright.Inventory;

namespace Certwright.Tests.Inventory;

public sealed class FingerprintQueryTests
{
    [Theory]
    [InlineData("AB:CD:EF:01", "abcdef01", "ABCDEF01")]
    [InlineData("00 0a 1b", "000a1b", "0A1B")]
    [InlineData("a1b", "a1b", "0A1B")]
    [InlineData("00", "00", "00")]
    public void Parse_SeparatorsAndCase_NormalisesDigitsAndSerial(string input, string digits, string serial)
    {
        var query = FingerprintQuery.Parse(input);

        Assert.Equal((digits, serial), (query.Digits, query.Serial));
    }

    [Theory]
    [InlineData("abcdef01", 32, "ABCDEF01", "ABCDEF02")]
    [InlineData("abcdef0", 32, "ABCDEF00", "ABCDEF10")]
    [InlineData("abcdef0f", 32, "ABCDEF0F", "ABCDEF10")]
    [InlineData("1234567f9", 20, "1234567F90", "1234567FA0")]
    [InlineData("ffffffff", 4, "FFFFFFFF", "FFFFFFFFFF")]
    public void Range_Prefix_BoundsEveryFingerprintStartingWithIt(string digits, int length, string low, string high)
    {
        var (lowBytes, highBytes) = FingerprintQuery.Parse(digits).Range(length);

        Assert.Equal((low, high), (Convert.ToHexString(lowBytes), Convert.ToHexString(highBytes)));
    }

    [Fact]
    public void Parse_TooLong_ThrowsUsage()
    {
        var error = Assert.Throws<CertwrightException>(() => FingerprintQuery.Parse(new string('a', 65)));

        Assert.Equal(ErrorKind.Usage, error.Kind);
    }
}
