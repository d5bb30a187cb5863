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
    [InlineData("90s", 0.025)]
    [InlineData("40000h", 40000.0)]
    [InlineData("100y", 100 * 365 * 24.0)]
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

    [Theory]
    [InlineData("36601d")]
    [InlineData("1000000d")]
    [InlineData("99999999999d")]
    [InlineData("101y")]
    public void Parse_OverHundredYears_SaysItIsTooLong(string text)
    {
        var error = Assert.Throws<CertwrightException>(() => DurationParser.Parse(text, "--expiring-within"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"--expiring-within: '{text}' is longer than the 100 years accepted; give a shorter duration, e.g. 30d", error.Message);
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
