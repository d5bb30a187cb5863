using Certwright.Acme.Server;
using Certwright.Acme.Server.Internal;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Tests.Acme.Server;

public sealed class AcmeOrderStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static AcmeOrder Order(params string[] authorizationStatuses) => new(
        "0123456789abcdef0123456789abcdef", "corp", "fedcba9876543210fedcba9876543210", AcmeStatus.Pending, Now.AddDays(7),
        [.. authorizationStatuses.Select((_, i) => $"n{i}.test")],
        [.. authorizationStatuses.Select((s, i) => new AcmeAuthorization($"n{i}.test", s, Now.AddDays(7), [new AcmeChallenge("http-01", "t" + i, AcmeStatus.Processing, null, null)]))],
        null, null, Now);

    [Theory]
    [InlineData(new[] { "pending", "pending" }, 0, true, "pending")]
    [InlineData(new[] { "pending", "valid" }, 0, true, "ready")]
    [InlineData(new[] { "valid" }, 0, true, "ready")]
    [InlineData(new[] { "pending", "valid" }, 0, false, "invalid")]
    public void WithResult_ChallengeOutcome_OrderStatus(string[] authorizations, int index, bool valid, string expected)
    {
        var problem = valid ? null : new AcmeProblem("incorrectResponse", "wrong", 403);

        var order = AcmeOrderState.WithResult(Order(authorizations), index, 0, problem, Now);

        Assert.Equal(expected, order.Status);
        Assert.Equal(valid ? AcmeStatus.Valid : AcmeStatus.Invalid, order.Authorizations[index].Status);
        Assert.Equal(valid ? Now : null, order.Authorizations[index].Challenges[0].Validated);
        Assert.Equal(problem, order.Error);
    }

    [Fact]
    public void AtTime_PastExpiry_InvalidAndPendingAuthorizationsExpired()
    {
        var order = Order("pending", "valid");

        var before = AcmeOrderState.AtTime(order, order.Expires.AddSeconds(-1));
        var after = AcmeOrderState.AtTime(order, order.Expires);

        Assert.Same(order, before);
        Assert.Equal(AcmeStatus.Invalid, after.Status);
        Assert.Equal([AcmeStatus.Expired, AcmeStatus.Valid], after.Authorizations.Select(a => a.Status));
        Assert.Equal("the order expired before it was finalized", after.Error!.Detail);
    }

    [Fact]
    public void AtTime_IssuedOrderPastExpiry_StaysValid()
    {
        var order = Order("valid") with { Status = AcmeStatus.Valid, CertificateSha256 = "ab" };

        Assert.Same(order, AcmeOrderState.AtTime(order, order.Expires.AddDays(30)));
    }

    [Theory]
    [InlineData(0, 90, 60, 75)]
    [InlineData(0, 30, 20, 25)]
    [InlineData(10, 16, 14, 15)]
    public void Window_NotRevoked_FromAThirdToASixthOfLifetimeLeft(int notBeforeDay, int notAfterDay, int startDay, int endDay)
    {
        var (start, end) = AcmeRenewalInfoHandler.Window(Now.AddDays(notBeforeDay), Now.AddDays(notAfterDay), null);

        Assert.Equal(Now.AddDays(startDay), start);
        Assert.Equal(Now.AddDays(endDay), end);
    }

    [Fact]
    public void Window_Revoked_EndsAtRevocation()
    {
        var (start, end) = AcmeRenewalInfoHandler.Window(Now, Now.AddDays(90), Now.AddDays(5));

        Assert.Equal(Now.AddDays(5).AddHours(-1), start);
        Assert.Equal(Now.AddDays(5), end);
    }
}
