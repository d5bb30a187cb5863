using Certwright.Policy;

namespace Certwright.Tests.Policy;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30d", 30 * 24.0)]
    [InlineData("30", 30 * 24.0)]
    [InlineData("2w", 14 * 24.0)]
    [InlineData("12h", 12.0)]
    [InlineData(" 1.5d ", 36.0)]
    [InlineData("90m", 1.5)]
    public void Parse_ValidText_ReturnsSpan(string text, double expectedHours)
    {
        Assert.Equal(expectedHours, DurationParser.Parse(text, "--expiring-within").TotalHours, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("-3d")]
    [InlineData("30x")]
    [InlineData("thirty days")]
    public void Parse_InvalidText_ThrowsUsageErrorNamingOption(string text)
    {
        var error = Assert.Throws<CertwrightException>(() => DurationParser.Parse(text, "--expiring-within"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.StartsWith("--expiring-within: '", error.Message, StringComparison.Ordinal);
    }
}
