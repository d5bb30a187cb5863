using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>What sslscan and testssl.sh, run by the test, say about an endpoint: the reference the prober must match.</summary>
public static class ReferenceScanners
{
    /// <summary><c>sslscan --no-colour --xml=-</c>: enabled versions, and per version the accepted suite and group codes.</summary>
    public static async Task<(HashSet<TlsVersion> Versions, Dictionary<TlsVersion, HashSet<int>> Suites, Dictionary<TlsVersion, HashSet<int>> Groups)> SslscanAsync(int port, params string[] extraArguments)
    {
        var sslscan = ExternalTool.Require("sslscan", "sslscan");
        var run = await ProcessResult.RunAsync(sslscan, ["--no-colour", "--xml=-", .. extraArguments, $"127.0.0.1:{port}"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, $"sslscan failed: {run.StandardError}");
        var xml = run.StandardOutput[run.StandardOutput.IndexOf("<?xml", StringComparison.Ordinal)..];
        var document = XDocument.Parse(xml);
        var versions = document.Descendants("protocol")
            .Where(p => (string?)p.Attribute("enabled") == "1")
            .Select(p => Version((string)p.Attribute("type")! == "ssl" ? "SSLv" + (string)p.Attribute("version")! : "TLSv" + (string)p.Attribute("version")!))
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .ToHashSet();
        var suites = document.Descendants("cipher")
            .GroupBy(c => Version((string)c.Attribute("sslversion")!)!.Value)
            .ToDictionary(g => g.Key, g => g.Select(c => int.Parse(((string)c.Attribute("id")!)[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToHashSet());
        var groups = document.Descendants("group")
            .GroupBy(c => Version((string)c.Attribute("sslversion")!)!.Value)
            .ToDictionary(g => g.Key, g => g.Select(c => int.Parse(((string)c.Attribute("id")!)[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToHashSet());
        return (versions, suites, groups);
    }

    /// <summary><c>testssl.sh -p --jsonfile</c>: the versions it reports offered.</summary>
    public static async Task<HashSet<TlsVersion>> TestsslProtocolsAsync(int port, TempDirectory directory)
    {
        var testssl = ExternalTool.Require("testssl", "testssl.sh");
        var json = directory.File($"testssl-{port}.json");
        var run = await ProcessResult.RunAsync(testssl, ["-p", "--jsonfile", json, "--warnings", "off", "--color", "0", "--quiet", $"127.0.0.1:{port}"], TimeSpan.FromSeconds(120));
        Assert.True(File.Exists(json), $"testssl.sh wrote no JSON (exit {run.ExitCode}): {run.StandardError}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var ids = new Dictionary<string, TlsVersion>
        {
            ["SSLv3"] = TlsVersion.Ssl30,
            ["TLS1"] = TlsVersion.Tls10,
            ["TLS1_1"] = TlsVersion.Tls11,
            ["TLS1_2"] = TlsVersion.Tls12,
            ["TLS1_3"] = TlsVersion.Tls13,
        };
        return document.RootElement.EnumerateArray()
            .Where(e => ids.ContainsKey(e.GetProperty("id").GetString()!) && e.GetProperty("finding").GetString()!.StartsWith("offered", StringComparison.Ordinal))
            .Select(e => ids[e.GetProperty("id").GetString()!])
            .ToHashSet();
    }

    private static TlsVersion? Version(string name) => name switch
    {
        "SSLv3" => TlsVersion.Ssl30,
        "TLSv1.0" => TlsVersion.Tls10,
        "TLSv1.1" => TlsVersion.Tls11,
        "TLSv1.2" => TlsVersion.Tls12,
        "TLSv1.3" => TlsVersion.Tls13,
        _ => null,
    };
}
