using System.CommandLine;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Authority.Ocsp;
using Certwright.Policy;
using Certwright.Server;
using Certwright.Storage;
using Microsoft.Extensions.Logging;

namespace Certwright.Cli.Commands;

/// <summary>Opens the CA ledger and keys, starts the OCSP responder and the Kestrel host, and serves until cancelled.</summary>
internal static class ServeHost
{
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    // acmeOptions: the options of serve (CRLs, CA files, ACME, TLS); null for ocsp serve.
    public static async Task<int> RunAsync(CliContext context, ParseResult parseResult, ServeOptions options, ServeAcmeOptions? acmeOptions, CancellationToken cancellationToken)
    {
        var serveFiles = acmeOptions is not null;
        var listen = ParseListen(parseResult.GetValue(options.Listen)!, serveFiles);
        var tls = acmeOptions is null ? null : ServeTls.Load(parseResult.GetValue(acmeOptions.TlsCert), parseResult.GetValue(acmeOptions.TlsKey), listen.Scheme == Uri.UriSchemeHttps);
        var responderOptions = new OcspResponderOptions
        {
            Validity = DurationParser.Parse(parseResult.GetValue(options.Validity)!, "--validity"),
            DelegateSigning = !parseResult.GetValue(options.NoDelegate),
        };
        var dataDirectory = DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data));
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var records = await store.ListAuthoritiesAsync(cancellationToken);
        if (records.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"no CA in '{dataDirectory}' to serve; create one with 'certwright ca init NAME' (or pass --data DIR)");
        }

        await using var keys = CaKeys.From(parseResult, options.PassphraseFile, options.PinFile, context.TimeProvider);
        var authorities = new List<SigningAuthority>();
        foreach (var record in records)
        {
            authorities.Add(await keys.OpenAsync(record, cancellationToken));
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        await using var responder = await OcspResponder.StartAsync(store, authorities, responderOptions, context.TimeProvider, loggerFactory.CreateLogger("Certwright.Ocsp"), cancellationToken);
        var acme = acmeOptions is null ? null : await ServeAcme.StartAsync(context, parseResult, acmeOptions, store, authorities, loggerFactory.CreateLogger("Certwright.Acme"), cancellationToken);
        // Disposed in reverse: the server (waiting for validations in flight) before the store they write to.
        await using var acmeStore = acme?.Store;
        await using var acmeServer = acme?.Server;
        using var tlsCertificate = tls?.Certificate;
        await using var app = CertwrightServer.Build(new CertwrightServerOptions
        {
            Listen = listen,
            TlsCertificate = tls?.Certificate,
            TlsChain = tls?.Chain,
            Acme = acme?.Server,
            Ocsp = responder,
            Authorities = serveFiles ? records : [],
            CrlDirectory = serveFiles ? Path.Combine(dataDirectory, "crl") : null,
            TimeProvider = context.TimeProvider,
        });
        // serve keeps each CA's CRL current (missing, due, or older than a revocation) before it says it listens.
        using var stopCrl = new CancellationTokenSource();
        var crlRefresh = Task.CompletedTask;
        if (serveFiles)
        {
            var refresher = new CrlRefresher(new CrlPublisher(dataDirectory, new CrlOptions(), context.TimeProvider), store, authorities, context.TimeProvider, loggerFactory.CreateLogger("Certwright.Crl"));
            await refresher.RefreshAsync(cancellationToken);
            crlRefresh = refresher.RunAsync(CrlRefresher.DefaultPollInterval, stopCrl.Token);
        }

        // serve (not 'ocsp serve') also renews the managed certificates, hourly (see RenewalLoop).
        await using var renewal = serveFiles
            ? await RenewalSession.OpenAsync(context, parseResult, options.PassphraseFile, options.PinFile, null, null, cancellationToken)
            : null;
        var output = TextWriter.Synchronized(context.Out);
        var renewing = renewal is null ? Task.CompletedTask : RenewalLoop.RunAsync(renewal, null, output, context.TimeProvider, stopCrl.Token);

        // serve (not 'ocsp serve') also runs monitor's scheduled checks, until it stops.
        var monitoring = serveFiles ? await ServeMonitor.OpenAsync(context, parseResult.GetValue(acmeOptions!.Config), output, DrainTimeout, cancellationToken) : null;
        using var monitorSession = monitoring?.Session;

        await app.StartAsync(cancellationToken);
        foreach (var url in CertwrightServer.ListeningUrls(app))
        {
            var what = serveFiles ? "OCSP at /ocsp, CRLs at /crl/NAME.crl, CA certificates at /ca/NAME.crt" : "OCSP at /ocsp";
            if (acme is not null)
            {
                what += ", ACME at /acme/NAME/directory";
            }

            await context.Out.WriteLineAsync($"listening on {url}: {what} for {records.Count} CA(s) ({string.Join(", ", records.Select(r => r.Name))}); stop with Ctrl+C or SIGTERM");
        }

        var checks = Task.CompletedTask;
        if (monitoring is { } m)
        {
            await output.WriteLineAsync($"monitor: {m.Plan.Checks.Count} checks, {m.Plan.Concurrency} at a time");
            checks = m.Session.Runner.RunAsync(m.Plan, stopCrl.Token);
        }

        await output.FlushAsync(cancellationToken);
        // Until SIGINT/SIGTERM; the checks end early only when a result cannot be recorded (their error is the exit's).
        var stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(stopped, monitoring is null ? stopped : checks);

        using (var drain = new CancellationTokenSource(DrainTimeout))
        {
            await app.StopAsync(drain.Token);
        }

        await stopCrl.CancelAsync();
        await crlRefresh;
        await renewing;
        await checks;

        foreach (var authority in authorities)
        {
            authority.Dispose();
        }

        await context.Out.WriteLineAsync("stopped");
        return ExitCodes.Ok;
    }

    private static Uri ParseListen(string text, bool httpsAllowed) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || (httpsAllowed && uri.Scheme == Uri.UriSchemeHttps))
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? uri
            : throw new CertwrightException(ErrorKind.Usage, $"--listen '{text}' is not an {(httpsAllowed ? "http(s)" : "http")}://HOST:PORT URL; use e.g. http://127.0.0.1:8080");
}
