using Certwright.Policy;

namespace Certwright.Tests.Policy;

public sealed class ExpiryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = Now.AddYears(-1);

    public static TheoryData<string, double, string?, Severity?> Scenarios => new()
    {
        // name, days until notAfter, expected code, expected severity
        { "plenty of time", 90, null, null },
        { "just outside warning", 30.01, null, null },
        { "exactly at warning line", 30, FindingCodes.ExpiresSoon, Severity.Warning },
        { "inside warning", 12, FindingCodes.ExpiresSoon, Severity.Warning },
        { "exactly at critical line", 7, FindingCodes.ExpiresSoon, Severity.Critical },
        { "last hour", 1.0 / 24, FindingCodes.ExpiresSoon, Severity.Critical },
        { "notAfter is now: still valid (RFC 5280 inclusive)", 0, FindingCodes.ExpiresSoon, Severity.Critical },
        { "one second past notAfter", -1.0 / 86400, FindingCodes.Expired, Severity.Critical },
        { "long expired", -400, FindingCodes.Expired, Severity.Critical },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Evaluate_Scenario_ReturnsExpectedFinding(string name, double daysLeft, string? code, Severity? severity)
    {
        var finding = ExpiryPolicy.Evaluate(LongAgo, Now.AddDays(daysLeft), Now, ExpiryThresholds.Default, "CN=test");

        Assert.True(code == finding?.Code, $"{name}: expected {code ?? "no finding"}, got {finding?.Code ?? "no finding"}");
        Assert.Equal(severity, finding?.Severity);
    }

    [Fact]
    public void Evaluate_BeforeNotBefore_IsNotYetValid()
    {
        var finding = ExpiryPolicy.Evaluate(Now.AddSeconds(1), Now.AddDays(90), Now, ExpiryThresholds.Default, "CN=future");

        Assert.NotNull(finding);
        Assert.Equal(FindingCodes.NotYetValid, finding.Code);
        Assert.Equal("CN=future is not valid before 2026-11-25 12:00:01 UTC", finding.Message);
    }

    [Fact]
    public void Evaluate_Expired_MessageNamesDaysAndDate()
    {
        var finding = ExpiryPolicy.Evaluate(LongAgo, Now.AddDays(-3), Now, ExpiryThresholds.Default, "example.com:443");

        Assert.Equal("example.com:443 expired 3 days ago on 2026-11-22 12:00:00 UTC", finding!.Message);
    }

    [Theory]
    [InlineData(10, 1, 5, Severity.Warning)]
    [InlineData(10, 6, 5, Severity.Critical)]
    public void Evaluate_CustomThresholds_AreHonoured(int warningDays, int criticalDays, double daysLeft, Severity expected)
    {
        var finding = ExpiryPolicy.Evaluate(LongAgo, Now.AddDays(daysLeft), Now, ExpiryThresholds.Create(warningDays, criticalDays), "x");

        Assert.Equal(expected, finding!.Severity);
    }

    [Fact]
    public void Create_CriticalAboveWarning_ThrowsUsageError()
    {
        var error = Assert.Throws<CertwrightException>(() => ExpiryThresholds.Create(7, 30));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("--critical (30 days) must not exceed --warning (7 days)", error.Message);
    }

    [Theory]
    [InlineData(45.5, 45)]
    [InlineData(0.5, 0)]
    [InlineData(-0.5, -1)]
    public void DaysLeft_FloorsPartialDays(double days, int expected)
    {
        Assert.Equal(expected, ExpiryPolicy.DaysLeft(Now.AddDays(days), Now));
    }
}
