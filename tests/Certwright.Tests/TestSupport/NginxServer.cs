using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Certwright.Tests.TestSupport;

/// <summary>
/// One nginx <c>server</c> block: a TLS listener with a certificate, optionally for one server name.
/// <paramref name="ExtraDirectives"/> go into the block as written (e.g. <c>ssl_stapling on;</c>).
/// </summary>
public sealed record NginxSite(
    int Port,
    string CertificatePath,
    string KeyPath,
    string? ServerName = null,
    bool DefaultServer = false,
    string ListenHost = "127.0.0.1",
    string Protocols = "TLSv1.2 TLSv1.3",
    string? ExtraDirectives = null);

/// <summary>
/// nginx started by a test from a generated config in a temp prefix (pid, logs and temp paths inside it),
/// in the foreground with one process, and killed on dispose. nginx 1.22 only enables TLS 1.3 when
/// <c>ssl_protocols</c> names it, so every site lists its protocols.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly BackgroundServer _process;

    private NginxServer(BackgroundServer process, TempDirectory prefix)
    {
        _process = process;
        Prefix = prefix;
    }

    public TempDirectory Prefix { get; }

    public string Output => _process.Output;

    public static async Task<NginxServer> StartAsync(IReadOnlyCollection<NginxSite> sites)
    {
        var nginx = ExternalTool.Require("nginx", "nginx");
        var prefix = new TempDirectory();
        try
        {
            var config = prefix.Write("nginx.conf", BuildConfig(prefix.Path, sites));
            var ports = sites.Select(s => s.Port).Distinct().ToList();
            var process = await BackgroundServer.StartAsync(
                nginx,
                ["-p", prefix.Path, "-c", config, "-e", prefix.File("error.log"), "-g", "daemon off;"],
                ports[^1],
                workingDirectory: prefix.Path);
            await WaitForAllAsync(ports, process);
            return new NginxServer(process, prefix);
        }
        catch
        {
            prefix.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Prefix.Dispose();
    }

    private static string BuildConfig(string prefix, IEnumerable<NginxSite> sites)
    {
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $$"""
            master_process off;
            worker_processes 1;
            worker_rlimit_nofile 16384;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 8192; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/client_body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              ssl_session_tickets off;
            """);
        foreach (var site in sites)
        {
            var listen = site.ListenHost.Contains(':', StringComparison.Ordinal) ? $"[{site.ListenHost}]:{site.Port}" : $"{site.ListenHost}:{site.Port}";
            config.AppendLine(CultureInfo.InvariantCulture, $$"""
                  server {
                    listen {{listen}} ssl{{(site.DefaultServer ? " default_server" : "")}};
                    server_name {{site.ServerName ?? "_"}};
                    ssl_certificate {{site.CertificatePath}};
                    ssl_certificate_key {{site.KeyPath}};
                    ssl_protocols {{site.Protocols}};
                    {{site.ExtraDirectives ?? ""}}
                    return 200 "ok\n";
                  }
                """);
        }

        config.AppendLine("}");
        return config.ToString();
    }

    /// <summary>nginx binds every listener before it serves; still, wait until the kernel lists them all.</summary>
    private static async Task WaitForAllAsync(List<int> ports, BackgroundServer process)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var listening = ListeningPorts();
            if (ports.All(listening.Contains))
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"nginx did not listen on all {ports.Count} ports: {process.Output}");
            }

            await Task.Delay(20);
        }
    }

    private static HashSet<int> ListeningPorts()
    {
        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "0A")
                {
                    var local = fields[1];
                    ports.Add(int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
