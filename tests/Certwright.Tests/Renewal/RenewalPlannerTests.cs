using Certwright.Renewal;

namespace Certwright.Tests.Renewal;

public sealed class RenewalPlannerTests
{
    private static readonly DateTimeOffset NotBefore = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = NotBefore.AddDays(90);
    private const string Sha = "8ba4acf50f0da8c7337e578f3b434dad048024c5ae7219a0aaa7f5896d37ab4c";

    private static ManagedCertificate Managed(string name = "web", TimeSpan? renewBefore = null) => new()
    {
        Name = name,
        Source = new PrivateCaSourceSpec("corp", "server"),
        Domains = ["web.internal"],
        RenewBefore = renewBefore,
    };

    private static ManagedCertificateState Current(string sha = Sha) => new() { CurrentSha256 = sha, NotBefore = NotBefore, NotAfter = NotAfter };

    // Named scenarios: 90-day certificate, default rule renews at day 60 (a third of the lifetime left).
    [Theory]
    [InlineData("just issued", 0.0, false)]
    [InlineData("one second before two thirds", 60 * 86400.0 - 1, false)]
    [InlineData("exactly two thirds", 60 * 86400.0, true)]
    [InlineData("one day left", 89 * 86400.0, true)]
    [InlineData("expired", 91 * 86400.0, true)]
    public void Decide_DefaultRule_RenewsWhenAThirdOfTheLifetimeRemains(string scenario, double secondsAfterNotBefore, bool due)
    {
        var decision = RenewalPlanner.Decide(Managed(), Current(), null, NotBefore.AddSeconds(secondsAfterNotBefore));

        Assert.True(due == decision.Due, scenario);
        Assert.Equal(NotBefore.AddDays(60), decision.RenewAt);
    }

    [Fact]
    public void Decide_NoCertificateYet_IsDueNow()
    {
        var decision = RenewalPlanner.Decide(Managed(), ManagedCertificateState.None, null, NotBefore);

        Assert.True(decision.Due);
        Assert.Equal("no certificate yet", decision.Reason);
    }

    [Fact]
    public void Decide_RenewBefore_OverridesTheThirdRule()
    {
        var managed = Managed(renewBefore: TimeSpan.FromDays(7));

        Assert.False(RenewalPlanner.Decide(managed, Current(), null, NotAfter.AddDays(-8)).Due);
        Assert.True(RenewalPlanner.Decide(managed, Current(), null, NotAfter.AddDays(-7)).Due);
    }

    [Fact]
    public void Decide_AriWindow_NothingBeforeItsStartEverythingByItsEnd()
    {
        var window = new RenewalWindow(NotBefore.AddDays(20), NotBefore.AddDays(22));
        var managed = Enumerable.Range(0, 200).Select(i => Managed($"c{i}")).ToList();

        Assert.All(managed, m => Assert.False(RenewalPlanner.Decide(m, Current(), window, window.Start.AddTicks(-1)).Due));
        Assert.All(managed, m => Assert.True(RenewalPlanner.Decide(m, Current(), window, window.End).Due));
        var times = managed.Select(m => RenewalPlanner.Decide(m, Current(), window, window.Start).RenewAt!.Value).ToList();
        Assert.All(times, t => Assert.InRange(t, window.Start, window.End));
        // Spread over the window, not all at its start: each quarter gets some of the 200.
        Assert.All(Enumerable.Range(0, 4), q => Assert.Contains(times, t => (t - window.Start) >= TimeSpan.FromHours(12 * q) && (t - window.Start) < TimeSpan.FromHours(12 * (q + 1))));
    }

    [Fact]
    public void Decide_AriWindowEarlierThanTheDefault_RenewsEarly()
    {
        // A CA announcing a mass revocation moves the window to tomorrow although the certificate is fresh.
        var window = new RenewalWindow(NotBefore.AddDays(1), NotBefore.AddDays(1).AddHours(1));

        var decision = RenewalPlanner.Decide(Managed(), Current(), window, NotBefore.AddDays(1).AddHours(1));

        Assert.True(decision.Due);
        Assert.Equal("inside the CA's renewal window (ARI)", decision.Reason);
    }

    [Fact]
    public void RenewalTime_SameCertificate_SameTimeEveryRun()
    {
        var window = new RenewalWindow(NotBefore.AddDays(20), NotBefore.AddDays(30));

        var first = RenewalPlanner.RenewalTime(Managed(), Sha, NotBefore, NotAfter, window);
        var second = RenewalPlanner.RenewalTime(Managed(), Sha, NotBefore, NotAfter, window);
        var otherCertificate = RenewalPlanner.RenewalTime(Managed(), new string('0', 64), NotBefore, NotAfter, window);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherCertificate);
    }

    [Fact]
    public void Decide_AfterAFailure_WaitsForTheBackoffUnlessForced()
    {
        var failedAt = NotBefore.AddDays(61);
        var state = Current() with { ConsecutiveFailures = 1, NextAttemptAfter = failedAt + RenewalPlanner.Backoff(1) };

        var during = RenewalPlanner.Decide(Managed(), state, null, failedAt.AddMinutes(4));
        var after = RenewalPlanner.Decide(Managed(), state, null, failedAt.AddMinutes(5));
        var forced = RenewalPlanner.Decide(Managed(), state, null, failedAt.AddMinutes(1), force: true);

        Assert.False(during.Due);
        Assert.Equal("backing off after 1 failure(s)", during.Reason);
        Assert.Equal(failedAt.AddMinutes(5), during.RenewAt);
        Assert.True(after.Due);
        Assert.True(forced.Due);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 320)]
    [InlineData(8, 360)]
    [InlineData(1000, 360)]
    public void Backoff_DoublesFromFiveMinutesUpToSixHours(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RenewalPlanner.Backoff(failures));

    [Fact]
    public void Decide_Forced_IsDueEvenWhenFresh()
    {
        var decision = RenewalPlanner.Decide(Managed(), Current(), null, NotBefore, force: true);

        Assert.True(decision.Due);
        Assert.Equal("forced", decision.Reason);
    }
}
