using Certwright.Acme.Client;
using Certwright.Acme.Protocol;

namespace Certwright.Tests.Acme.Client;

public sealed class AcmeRetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly AcmeClientOptions Options = new() { DirectoryUrl = new Uri("https://ca.test/dir") };

    public static TheoryData<string, int, int?, double?> Cases => new()
    {
        // scenario, attempt, Retry-After seconds from now, expected delay seconds (null: give up now)
        { "first backoff", 1, null, 1 },
        { "doubles", 3, null, 4 },
        { "capped at the maximum", 12, null, 120 },
        { "Retry-After wins over the backoff", 3, 30, 30 },
        { "Retry-After in the past means now", 1, -5, 0 },
        { "Retry-After beyond the cap gives up", 1, 121, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_Scenario_ExpectedDelay(string scenario, int attempt, int? retryAfterSeconds, double? expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? new RetryAfter(Now.AddSeconds(s)) : (RetryAfter?)null;

        var delay = AcmeRetryDelay.Next(attempt, retryAfter, Now, Options);

        Assert.True(expectedSeconds is null ? delay is null : delay == TimeSpan.FromSeconds(expectedSeconds.Value), $"{scenario}: {delay}");
    }

    [Theory]
    [InlineData(AcmeProblemTypes.RateLimited, 429, true)]
    [InlineData(AcmeProblemTypes.ServerInternal, 500, true)]
    [InlineData("about:blank", 503, true)]
    [InlineData(AcmeProblemTypes.Malformed, 400, false)]
    [InlineData(AcmeProblemTypes.Unauthorized, 403, false)]
    public void IsRetryable_Problem_OnlyServerSideTransients(string type, int status, bool expected)
    {
        Assert.Equal(expected, AcmeRetryDelay.IsRetryable(new AcmeProblem { Type = type }, status));
    }
}
