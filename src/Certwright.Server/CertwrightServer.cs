using Certwright.Acme.Server;
using Certwright.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Certwright.Server;

/// <summary>
/// Builds the Kestrel host of <c>certwright serve</c>. No MVC, no routing table: one terminal middleware dispatches on the
/// path, so the OCSP hot path is a dictionary lookup and a write of cached bytes (Native AOT, no reflection).
/// </summary>
public static class CertwrightServer
{
    /// <summary>Largest request line (GET /ocsp/{base64} carries the request in it).</summary>
    internal const int MaxRequestLineSize = 16 * 1024;

    /// <exception cref="CertwrightException">Usage: <see cref="CertwrightServerOptions.Listen"/> is not an http:// URL, or an https:// one without a certificate.</exception>
    public static WebApplication Build(CertwrightServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var https = options.Listen.Scheme == Uri.UriSchemeHttps;
        if ((options.Listen.Scheme != Uri.UriSchemeHttp && !https) || !options.Listen.IsAbsoluteUri || options.Listen.AbsolutePath != "/")
        {
            throw new CertwrightException(ErrorKind.Usage, $"--listen '{options.Listen}' is not an http(s)://HOST:PORT URL; use e.g. http://127.0.0.1:8080");
        }

        if (https && options.TlsCertificate is null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"--listen '{options.Listen}' is https but no server certificate was given; add --tls-cert FILE --tls-key FILE");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Warnings and errors only: nothing per request on the console.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(options.Listen.GetLeftPart(UriPartial.Authority));
        if (https)
        {
            // The slim builder leaves out Kestrel's https address support until asked.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max((options.Ocsp?.MaxRequestSize ?? 1024) + 1024, options.Acme is null ? 0 : AcmeServerConstants.MaxRequestBytes + 1024);
            if (options.TlsCertificate is { } certificate)
            {
                kestrel.ConfigureHttpsDefaults(tls =>
                {
                    tls.ServerCertificate = certificate;
                    tls.ServerCertificateChain = options.TlsChain;
                    tls.HandshakeTimeout = options.RequestHeadersTimeout;
                });
            }

            kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = options.KeepAliveTimeout;
        });
        builder.Services.AddSingleton(options);

        var app = builder.Build();
        var dispatcher = new RequestDispatcher(options);
        app.Run(dispatcher.InvokeAsync);
        return app;
    }

    /// <summary>The URLs the started <paramref name="app"/> listens on (the real port when 0 was asked).</summary>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return addresses is null ? [] : [.. addresses.Addresses];
    }
}
