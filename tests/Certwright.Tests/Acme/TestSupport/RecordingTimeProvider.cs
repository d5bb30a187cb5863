using System.Collections.Concurrent;

namespace Certwright.Tests.Acme.TestSupport;

/// <summary>
/// Fake time for the client's waits: a delay shorter than <see cref="InstantLimit"/> is recorded, advances the clock and
/// completes at once; longer timers (request time limits) never fire. The test then asserts exactly how long the
/// client chose to wait, without waiting.
/// </summary>
public sealed class RecordingTimeProvider(DateTimeOffset start) : TimeProvider
{
    public static readonly TimeSpan InstantLimit = TimeSpan.FromMinutes(30);

    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private long _nowTicks = start.UtcTicks;

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < InstantLimit)
        {
            _delays.Enqueue(dueTime);
            Interlocked.Add(ref _nowTicks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
