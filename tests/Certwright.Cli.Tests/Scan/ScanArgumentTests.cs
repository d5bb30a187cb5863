using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Scan;

/// <summary>Bad <c>scan</c> arguments are UNKNOWN (exit 3) for Nagios, with one line saying what is wrong.</summary>
[Collection(CliCollection.Name)]
public sealed class ScanArgumentTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("localhost:99999", "Invalid scan target 'localhost:99999': the port '99999' is not a number from 1 to 65535")]
    [InlineData("[::1:443", "Invalid scan target '[::1:443': the '[' of an IPv6 address has no closing ']'")]
    [InlineData("bad_host!:443", "Invalid scan target 'bad_host!:443'")]
    [InlineData(":443", "Invalid scan target ':443': the host is empty")]
    public async Task Scan_BadTargetSyntax_IsUnknown(string target, string message)
    {
        var run = await _session.RunAsync("scan", target);

        run.ExpectExit(3).ExpectOneLineError(message);
        Assert.Empty(run.StandardOutput);
    }

    [Theory]
    [InlineData("--warning 5 --critical 10", "--critical (10 days) must not exceed --warning (5 days)")]
    [InlineData("--warning -1", "expiry thresholds must not be negative")]
    [InlineData("--critical -1", "expiry thresholds must not be negative")]
    [InlineData("--timeout forever", "--timeout: 'forever' is not a duration")]
    [InlineData("--starttls gopher", "gopher")]
    [InlineData("--ca-file /nonexistent/ca.pem", "/nonexistent/ca.pem")]
    [InlineData("--timeout 0s", "--timeout '0s': use a duration above zero and at most one hour")]
    [InlineData("--timeout 2h", "--timeout '2h': use a duration above zero and at most one hour")]
    [InlineData("--connect-timeout 0s", "--connect-timeout '0s': use a duration above zero and at most one hour")]
    [InlineData("--handshake-timeout 2h", "--handshake-timeout '2h': use a duration above zero and at most one hour")]
    [InlineData("--handshake-timeout soon", "--handshake-timeout: 'soon' is not a duration")]
    [InlineData("--timeout 0s --connect-timeout 3s", "--timeout '0s': use a duration above zero and at most one hour")]
    [InlineData("--conect-timeout 3s", "Unrecognized option '--conect-timeout'")]
    [InlineData("--concurrency 0", "--concurrency 0: use 1 to 4096")]
    [InlineData("--sni bad_name!", "The server name (--sni) 'bad_name!' contains '!'")]
    [InlineData("--warning abc", "--warning 'abc': expected a whole number")]
    [InlineData("--concurrency 1x", "--concurrency '1x': expected a whole number")]
    public async Task Scan_BadOption_IsUnknown(string options, string message)
    {
        string[] arguments = ["scan", "localhost:443", "--no-store", .. options.Split(' ')];

        var run = await _session.RunAsync(arguments);

        run.ExpectExit(3).ExpectOneLineError(message);
    }

    [Fact]
    public async Task Scan_JsonAndNagios_IsUnknown()
    {
        var run = await _session.RunAsync("scan", "localhost:443", "--json", "--nagios");

        run.ExpectExit(3).ExpectOneLineError("--json and --nagios cannot be combined; choose one output");
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Scan_EndlessTargetsFile_IsRefusedWithinBounds()
    {
        var run = await _session.RunAsync(["scan", "--targets-file", "/dev/zero"], TimeSpan.FromSeconds(30));

        run.ExpectExit(3).ExpectOneLineError("--targets-file '/dev/zero' is larger than 64 MiB");
    }

    [Fact]
    public async Task Scan_NoTargets_IsUnknown()
    {
        (await _session.RunAsync("scan")).ExpectExit(3).ExpectOneLineError("no endpoints to scan: give HOST[:PORT] arguments or --targets-file FILE");
    }

    [Fact]
    public async Task Scan_NonNumericThreshold_IsUnknown()
    {
        var run = await _session.RunAsync("scan", "localhost:443", "--warning", "soon");

        run.ExpectExit(3).ExpectOneLineError("--warning 'soon': expected a whole number");
        Assert.EndsWith("; see 'certwright scan --help'", run.StandardError.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }
}
