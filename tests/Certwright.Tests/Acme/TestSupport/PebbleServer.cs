using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certwright.Acme.Client;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.TestSupport;

/// <summary>What a test needs of its Pebble: validation ports, EAB, alternate roots, nonce rejection rate.</summary>
public sealed record PebbleSettings
{
    /// <summary>Where Pebble's VA connects for http-01 (the client's listener).</summary>
    public int HttpPort { get; init; } = FreePort.Next();

    /// <summary>Where Pebble's VA connects for tls-alpn-01.</summary>
    public int TlsPort { get; init; } = FreePort.Next();

    /// <summary>EAB key id → base64url HMAC key; required when not empty.</summary>
    public IReadOnlyDictionary<string, string> EabKeys { get; init; } = new Dictionary<string, string>();

    public int AlternateRoots { get; init; }

    /// <summary>Percent of good nonces Pebble rejects; null keeps Pebble's default (5).</summary>
    public int? NonceRejectPercent { get; init; }
}

/// <summary>
/// Pebble (Let's Encrypt's test ACME CA) and pebble-challtestsrv as its DNS server, on free loopback ports, with a TLS
/// certificate made in the test (trusted through <see cref="CaFile"/>). Challenges are really validated
/// (no PEBBLE_VA_ALWAYS_VALID); PEBBLE_VA_NOSLEEP only removes Pebble's artificial sleeps. Killed on dispose.
/// </summary>
public sealed class PebbleServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly BackgroundServer _challengeServer;
    private readonly BackgroundServer _pebble;

    private PebbleServer(TempDirectory directory, BackgroundServer challengeServer, BackgroundServer pebble, PebbleSettings settings, int acmePort, int managementPort, int challengeManagementPort)
    {
        _directory = directory;
        _challengeServer = challengeServer;
        _pebble = pebble;
        Settings = settings;
        DirectoryUrl = new Uri($"https://127.0.0.1:{acmePort}/dir");
        ManagementUrl = new Uri($"https://127.0.0.1:{managementPort}/");
        ChallengeManagementUrl = new Uri($"http://127.0.0.1:{challengeManagementPort}/");
    }

    public PebbleSettings Settings { get; }

    public Uri DirectoryUrl { get; }

    public Uri ManagementUrl { get; }

    /// <summary>pebble-challtestsrv's management API (set-txt, clear-txt...).</summary>
    public Uri ChallengeManagementUrl { get; }

    /// <summary>The PEM CA that signs Pebble's TLS certificate.</summary>
    public string CaFile => _directory.File("tls-ca.pem");

    public string Output => _pebble.Output + _challengeServer.Output;

    /// <summary>A dns-01 hook that sets and clears the TXT record in pebble-challtestsrv with curl.</summary>
    public string DnsHookCommand
    {
        get
        {
            var curl = ExternalTool.Require("curl", "curl");
            var body = "{\\\"host\\\":\\\"$CERTWRIGHT_ACME_TXT_NAME.\\\",\\\"value\\\":\\\"$CERTWRIGHT_ACME_TXT_VALUE\\\"}";
            return $"if [ \"$CERTWRIGHT_ACME_ACTION\" = set ]; then path=set-txt; else path=clear-txt; fi; "
                + $"{curl} -sS -f -X POST -d \"{body}\" {ChallengeManagementUrl}$path";
        }
    }

    public static async Task<PebbleServer> StartAsync(PebbleSettings? settings = null)
    {
        settings ??= new PebbleSettings();
        var pebbleExe = ExternalTool.Require("pebble", "pebble");
        var challengeExe = ExternalTool.Require("pebble-challtestsrv", "pebble");
        var directory = new TempDirectory();
        var root = TestPki.CreateRoot("Pebble TLS Test Root");
        var leaf = TestPki.CreateLeaf(root, "localhost", ["localhost"], [IPAddress.Loopback]);
        directory.Write("tls-ca.pem", root.CertificatePem);
        directory.Write("tls-cert.pem", leaf.CertificatePem);
        directory.Write("tls-key.pem", leaf.PrivateKeyPem);

        int acmePort = FreePort.Next(), managementPort = FreePort.Next(), dnsPort = FreePort.Next(), challengeManagementPort = FreePort.Next();
        var challengeServer = await BackgroundServer.StartAsync(
            challengeExe,
            ["-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01", $"127.0.0.1:{dnsPort}", "-management", $"127.0.0.1:{challengeManagementPort}",
             "-http01", "", "-https01", "", "-tlsalpn01", ""],
            challengeManagementPort);

        var config = new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{acmePort}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = directory.File("tls-cert.pem"),
                ["privateKey"] = directory.File("tls-key.pem"),
                ["httpPort"] = settings.HttpPort,
                ["tlsPort"] = settings.TlsPort,
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = settings.EabKeys.Count > 0,
                ["externalAccountMACKeys"] = new JsonObject(settings.EabKeys.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)JsonValue.Create(k.Value)))),
            },
        };
        directory.Write("pebble-config.json", config.ToJsonString());
        var environment = new Dictionary<string, string> { ["PEBBLE_VA_NOSLEEP"] = "1" };
        if (settings.AlternateRoots > 0)
        {
            environment["PEBBLE_ALTERNATE_ROOTS"] = settings.AlternateRoots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (settings.NonceRejectPercent is { } reject)
        {
            environment["PEBBLE_WFE_NONCEREJECT"] = reject.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        BackgroundServer pebble;
        try
        {
            await WaitListeningAsync(dnsPort, challengeServer);
            pebble = await BackgroundServer.StartAsync(
                pebbleExe, ["-config", directory.File("pebble-config.json"), "-dnsserver", $"127.0.0.1:{dnsPort}"], acmePort, environment: environment);
        }
        catch
        {
            await challengeServer.DisposeAsync();
            directory.Dispose();
            throw;
        }

        var server = new PebbleServer(directory, challengeServer, pebble, settings, acmePort, managementPort, challengeManagementPort);
        try
        {
            await WaitListeningAsync(managementPort, pebble);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Polls the kernel's listen table (bounded) for a second port of a server already started.</summary>
    private static async Task WaitListeningAsync(int port, BackgroundServer server)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!BackgroundServer.IsListening(port))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"port {port} not listening within 15 s: {server.Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Pebble's revocation status of a certificate (management API): "Valid" or "Revoked".</summary>
    public async Task<string> CertificateStatusAsync(byte[] leafDer)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(leafDer);
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        var json = await GetManagementAsync($"cert-status-by-serial/{serial}");
        return JsonDocument.Parse(json).RootElement.GetProperty("Status").GetString()!;
    }

    /// <summary>Pebble's root CA certificate number <paramref name="index"/> (PEM), regenerated at each start.</summary>
    public Task<string> RootPemAsync(int index) => GetManagementAsync($"roots/{index}");

    private async Task<string> GetManagementAsync(string path)
    {
        using var http = AcmeHttpClientFactory.Create(CaFile, TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(new Uri(ManagementUrl, path));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Pebble management {path}: {(int)response.StatusCode} {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _pebble.DisposeAsync();
        await _challengeServer.DisposeAsync();
        _directory.Dispose();
    }
}
