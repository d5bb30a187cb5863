using System.Diagnostics;

namespace Certwright.Cli.Tests.Integration;

/// <summary>Polls until a condition holds or a deadline passes: for what other processes do on their own schedule.</summary>
internal static class Eventually
{
    /// <summary>Runs <paramref name="attempt"/> until <paramref name="done"/> accepts its result, at most <paramref name="within"/>; returns the last result either way.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await attempt();
            if (done(result) || clock.Elapsed > within)
            {
                return result;
            }

            // Pace the polling; the bound above, not this pause, decides when the test gives up.
            await Task.Delay(200);
        }
    }
}
