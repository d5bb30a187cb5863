using Certwright.Monitoring.Configuration;

namespace Certwright.Tests.Monitoring;

public sealed class CheckScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_NextAfter_AddsTheInterval()
    {
        var schedule = CheckSchedule.Every(TimeSpan.FromHours(6));

        Assert.Equal(Noon.AddHours(6), schedule.NextAfter(Noon));
        Assert.Equal(TimeSpan.FromHours(6), schedule.SlotLength(Noon));
        Assert.Equal("every 6h", schedule.Text);
    }

    [Fact]
    public void Cron_NextAfter_IsTheNextOccurrenceInUtc()
    {
        var schedule = CheckSchedule.Cron("15 */6 * * *");

        Assert.Equal(Noon.AddMinutes(15), schedule.NextAfter(Noon));
        Assert.Equal(Noon.AddHours(6).AddMinutes(15), schedule.NextAfter(Noon.AddMinutes(15)));
        Assert.Equal(TimeSpan.FromHours(6), schedule.SlotLength(Noon.AddMinutes(15)));
    }

    [Fact]
    public void Cron_SixFields_IncludeSeconds()
    {
        var schedule = CheckSchedule.Cron("30 * * * * *");

        Assert.Equal(Noon.AddSeconds(30), schedule.NextAfter(Noon));
    }

    [Theory]
    [InlineData("every 15m", "every 15m")]
    [InlineData("every 90s", "every 90s")]
    [InlineData("every 2d", "every 2d")]
    [InlineData("@hourly", "@hourly")]
    [InlineData("0 3 * * 1", "0 3 * * 1")]
    public void Parse_TextForm_RoundTrips(string text, string expected)
    {
        Assert.Equal(expected, CheckSchedule.Parse(text).Text);
        Assert.Equal(CheckSchedule.Parse(text), CheckSchedule.Parse(expected));
    }

    [Theory]
    [InlineData("every 0s")]
    [InlineData("every x")]
    [InlineData("* * *")]
    public void Parse_Invalid_ThrowsFormat(string text) => Assert.Throws<FormatException>(() => CheckSchedule.Parse(text));
}
