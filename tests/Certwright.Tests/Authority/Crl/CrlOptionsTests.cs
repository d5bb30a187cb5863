using Certwright.Authority.Crl;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Authority.Crl;

public sealed class CrlOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new CrlOptions().Validate());
    }

    [Fact]
    public void Validate_EveryBadValue_ReportsEachWithTheFix()
    {
        var options = new CrlOptions
        {
            Validity = TimeSpan.FromMinutes(30),
            RefreshFraction = 0.95,
            ExpiredEntryRetention = TimeSpan.FromMinutes(10),
            LockTimeout = TimeSpan.Zero,
        };

        Assert.Equal(
            [
                "Validity is 00:30:00; use 1 hour to 366 days.",
                "RefreshFraction is 0.95; use 0.1 to 0.9.",
                "ExpiredEntryRetention is 00:10:00; use at least Validity (00:30:00) so an entry appears on one scheduled CRL after its certificate expired (RFC 5280 §3.3), or null to keep entries forever.",
                "LockTimeout is 00:00:00; use a duration above zero and at most 10 minutes.",
            ],
            options.Validate());
    }

    [Fact]
    public void CrlBuilder_InvalidOptions_ThrowsUsage()
    {
        var e = Assert.Throws<CertwrightException>(() => new CrlBuilder(new CrlOptions { RefreshFraction = double.NaN }, new FakeTimeProvider()));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal("invalid CRL options: RefreshFraction is NaN; use 0.1 to 0.9.", e.Message);
    }
}
