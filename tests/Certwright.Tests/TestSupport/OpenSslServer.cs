namespace Certwright.Tests.TestSupport;

/// <summary>
/// Starts <c>openssl s_server</c> on a loopback port with a certificate, key and extra options (chain, protocol
/// limits, OCSP staple, client-certificate request). It serves connections one after another until disposed.
/// </summary>
public static class OpenSslServer
{
    /// <summary>Listens on <paramref name="listenHost"/> (127.0.0.1, or ::1 for IPv6) at <paramref name="port"/>.</summary>
    public static Task<BackgroundServer> StartAsync(
        int port,
        string certificatePath,
        string keyPath,
        IEnumerable<string>? extraArguments = null,
        string listenHost = "127.0.0.1")
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        var accept = listenHost.Contains(':', StringComparison.Ordinal) ? $"[{listenHost}]:{port}" : $"{listenHost}:{port}";
        List<string> arguments =
        [
            "s_server",
            "-accept", accept,
            "-cert", certificatePath,
            "-key", keyPath,
            // -quiet also ignores EOF on stdin, so the server keeps accepting while the test runs.
            "-quiet",
        ];
        if (listenHost.Contains(':', StringComparison.Ordinal))
        {
            arguments.Add("-6");
        }

        arguments.AddRange(extraArguments ?? []);
        return BackgroundServer.StartAsync(openssl, arguments, port);
    }
}
