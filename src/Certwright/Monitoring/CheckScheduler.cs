namespace Certwright.Monitoring;

/// <summary>
/// When each planned check is due. Every check is due at the start; after a run, the next slot of its schedule
/// plus a random delay of up to <c>jitter</c> times the slot's length (so slots never drift and a run never slips
/// into the following slot). A check that is running is not due again until it completes; a run that overran its
/// next slot skips to the first slot after it finished. Thread-safe; time comes from the caller.
/// </summary>
internal sealed class CheckScheduler
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly double _jitter;
    private readonly Random _random;
    private readonly Lock _lock = new();

    public CheckScheduler(IEnumerable<PlannedCheck> checks, double jitter, Random random, DateTimeOffset start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        _jitter = jitter;
        _random = random;
        _entries = checks.ToDictionary(c => c.Key, c => new Entry(c) { Slot = start, Due = start }, StringComparer.Ordinal);
    }

    /// <summary>The earliest time a check that is not running is due; null when none is (all running, or no slots left).</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                DateTimeOffset? next = null;
                foreach (var entry in _entries.Values)
                {
                    if (!entry.Running && entry.Due is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                }

                return next;
            }
        }
    }

    /// <summary>The checks due at <paramref name="now"/>, earliest first, now marked running.</summary>
    public IReadOnlyList<PlannedCheck> TakeDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            var due = _entries.Values.Where(e => !e.Running && e.Due <= now).OrderBy(e => e.Due).ToArray();
            foreach (var entry in due)
            {
                entry.Running = true;
            }

            return due.Select(e => e.Check).ToArray();
        }
    }

    /// <summary>Marks a run finished at <paramref name="finishedAt"/> and schedules the check's next one.</summary>
    public void Complete(string key, DateTimeOffset finishedAt)
    {
        lock (_lock)
        {
            var entry = _entries[key];
            entry.Running = false;
            var schedule = entry.Check.Schedule;
            var next = schedule.NextAfter(entry.Slot);
            if (next is { } n && n <= finishedAt)
            {
                next = schedule.NextAfter(finishedAt);
            }

            if (next is not { } slot)
            {
                entry.Due = null;
                return;
            }

            entry.Slot = slot;
            entry.Due = slot + Jitter(schedule.SlotLength(slot));
        }
    }

    /// <summary>The slot and due time of a check (for tests and status output).</summary>
    public (DateTimeOffset Slot, DateTimeOffset? Due, bool Running) StateOf(string key)
    {
        lock (_lock)
        {
            var entry = _entries[key];
            return (entry.Slot, entry.Due, entry.Running);
        }
    }

    private TimeSpan Jitter(TimeSpan slotLength) =>
        _jitter <= 0 || slotLength <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(_random.NextDouble() * _jitter * slotLength.Ticks));

    private sealed class Entry(PlannedCheck check)
    {
        public PlannedCheck Check { get; } = check;

        public DateTimeOffset Slot { get; set; }

        public DateTimeOffset? Due { get; set; }

        public bool Running { get; set; }
    }
}
