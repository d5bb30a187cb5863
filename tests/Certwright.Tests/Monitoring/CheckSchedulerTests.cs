using Certwright.Monitoring;
using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;

namespace Certwright.Tests.Monitoring;

public sealed class CheckSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakeDue_AtStart_EveryCheckOnceAndNotAgainWhileRunning()
    {
        var scheduler = new CheckScheduler([Check("a.test", "every 1h"), Check("b.test", "every 1h")], 0, new Random(1), Start);

        Assert.Equal(["a.test:443", "b.test:443"], scheduler.TakeDue(Start).Select(c => c.Key).Order());
        Assert.Empty(scheduler.TakeDue(Start.AddHours(5)));
        Assert.Null(scheduler.NextDue);
    }

    [Fact]
    public void Complete_WithoutJitter_NextRunIsTheNextSlotNotBefore()
    {
        var scheduler = new CheckScheduler([Check("a.test", "every 1h")], 0, new Random(1), Start);
        scheduler.TakeDue(Start);

        scheduler.Complete("a.test:443", Start.AddSeconds(3));

        Assert.Equal(Start.AddHours(1), scheduler.NextDue);
        Assert.Empty(scheduler.TakeDue(Start.AddHours(1).AddTicks(-1)));
        Assert.Single(scheduler.TakeDue(Start.AddHours(1)));
    }

    [Fact]
    public void Complete_RunOverranItsNextSlot_SkipsToTheFirstSlotAfterItFinished()
    {
        var scheduler = new CheckScheduler([Check("a.test", "*/10 * * * *")], 0, new Random(1), Start);
        scheduler.TakeDue(Start);

        scheduler.Complete("a.test:443", Start.AddMinutes(25));

        Assert.Equal(Start.AddMinutes(30), scheduler.NextDue);
    }

    [Theory]
    [InlineData("every 6h", 0.1)]
    [InlineData("every 1m", 0.5)]
    [InlineData("0 */6 * * *", 0.25)]
    public void Complete_WithJitter_DueStaysWithinTheFractionOfTheSlot(string schedule, double jitter)
    {
        var check = Check("a.test", schedule);
        var scheduler = new CheckScheduler([check], jitter, new Random(12345), Start);
        var finished = Start;
        var delays = new List<TimeSpan>();
        for (var run = 0; run < 500; run++)
        {
            var due = scheduler.StateOf(check.Key).Due!.Value;
            var taken = scheduler.TakeDue(due);
            Assert.Single(taken);
            var slot = scheduler.StateOf(check.Key).Slot;
            finished = due.AddSeconds(1);
            scheduler.Complete(check.Key, finished);
            var state = scheduler.StateOf(check.Key);
            var delay = state.Due!.Value - state.Slot;
            Assert.InRange(delay, TimeSpan.Zero, check.Schedule.SlotLength(state.Slot) * jitter);
            Assert.Equal(check.Schedule.NextAfter(slot), state.Slot);
            delays.Add(delay);
        }

        // Real spread, not a constant: the delays cover most of the allowed window.
        var window = check.Schedule.SlotLength(Start.AddDays(1)) * jitter;
        Assert.True(delays.Max() > window * 0.9, $"largest delay {delays.Max()} of window {window}");
        Assert.True(delays.Min() < window * 0.1, $"smallest delay {delays.Min()} of window {window}");
    }

    internal static PlannedCheck Check(string host, string schedule, ExpiryThresholds? thresholds = null, int port = 443) =>
        PlannedCheckFor(new MonitorTarget { Endpoint = new ScanTarget(host, port) }, CheckSchedule.Parse(schedule), thresholds ?? ExpiryThresholds.Default);

    /// <summary>An hourly check of <paramref name="directory"/> with the default thresholds, in its namespace.</summary>
    internal static PlannedCheck DirectoryCheckFor(WatchedDirectory directory) => new()
    {
        Key = directory.Key,
        Kind = CheckKind.Directory,
        Directory = directory,
        Schedule = CheckSchedule.Every(TimeSpan.FromHours(1)),
        Thresholds = ExpiryThresholds.Default,
        Namespace = directory.Namespace,
    };

    internal static PlannedCheck PlannedCheckFor(MonitorTarget target, CheckSchedule schedule, ExpiryThresholds thresholds) => new()
    {
        Key = target.Key,
        Kind = CheckKind.Endpoint,
        Target = target,
        Schedule = schedule,
        Thresholds = thresholds,
        Namespace = target.Namespace,
        Owner = target.Owner,
    };
}
