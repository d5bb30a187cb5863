using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client;

/// <summary>
/// When to try a failed ACME request again: a pure function of the attempt, the server's Retry-After and now, so the
/// backoff is testable without waiting.
/// </summary>
internal static class AcmeRetryDelay
{
    /// <summary>Whether a problem is worth retrying unchanged (the server's load or limits, not the request).</summary>
    public static bool IsRetryable(AcmeProblem problem, int status) =>
        problem.Type is AcmeProblemTypes.RateLimited or AcmeProblemTypes.ServerInternal || status is 429 or 502 or 503 or 504;

    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> + 1: the server's Retry-After when given, else exponential from
    /// the initial delay; null when the wait would exceed the cap, so the caller fails with the time to retry.
    /// </summary>
    public static TimeSpan? Next(int attempt, RetryAfter? retryAfter, DateTimeOffset now, AcmeClientOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        TimeSpan delay;
        if (retryAfter is { } after)
        {
            delay = after.At - now;
            if (delay < TimeSpan.Zero)
            {
                delay = TimeSpan.Zero;
            }
        }
        else
        {
            var factor = Math.Pow(2, Math.Min(attempt - 1, 16));
            delay = TimeSpan.FromTicks((long)Math.Min(options.InitialRetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        }

        return delay > options.MaxRetryDelay ? null : delay;
    }
}
