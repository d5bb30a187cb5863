using Certwright.Authority.Crl;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlScheduleTests
{
    private static readonly DateTimeOffset ThisUpdate = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CrlSchedule Weekly = new(ThisUpdate, ThisUpdate.AddDays(7), 0.5);

    public static TheoryData<string, DateTimeOffset, bool> Cases() => new()
    {
        { "just published", ThisUpdate, false },
        { "a second before half the validity", ThisUpdate.AddHours(84).AddSeconds(-1), false },
        { "exactly half the validity", ThisUpdate.AddHours(84), true },
        { "past nextUpdate", ThisUpdate.AddDays(8), true },
        { "clock set back before thisUpdate", ThisUpdate.AddSeconds(-1), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsDue_Scenario_Expected(string scenario, DateTimeOffset now, bool due)
    {
        Assert.True(Weekly.IsDue(now) == due, scenario);
    }

    [Fact]
    public void RefreshAt_FractionOfValidity_AfterThisUpdate()
    {
        Assert.Equal(ThisUpdate.AddHours(84), Weekly.RefreshAt);
        Assert.Equal(ThisUpdate.AddHours(24), new CrlSchedule(ThisUpdate, ThisUpdate.AddDays(10), 0.1).RefreshAt);
    }
}
