using Certwright.Scanning;

namespace Certwright.Tests.Scanning;

public sealed class EndpointScannerOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndDocumented()
    {
        var options = new EndpointScannerOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.TotalTimeout);
        Assert.Equal(32, options.MaxConcurrency);
        Assert.Equal(512 * 1024, options.MaxHandshakeBytes);
        Assert.Equal(8 * 1024, options.MaxStartTlsLineBytes);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var options = new EndpointScannerOptions
        {
            ConnectTimeout = TimeSpan.Zero,
            MaxConcurrency = 0,
            MaxHandshakeBytes = 100,
        };

        var error = Assert.Throws<CertwrightException>(() => new EndpointScanner(options));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            "Invalid scanner options: ConnectTimeout is 00:00:00; use a duration above zero and at most one hour. "
            + "MaxConcurrency is 0; use 1 to 4096. MaxHandshakeBytes is 100; use 16384 to 16777216.",
            error.Message);
    }
}
