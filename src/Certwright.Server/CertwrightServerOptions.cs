using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Server;
using Certwright.Authority;
using Certwright.Authority.Ocsp;

namespace Certwright.Server;

/// <summary>What <c>certwright serve</c> / <c>certwright ocsp serve</c> serve, and where.</summary>
public sealed class CertwrightServerOptions
{
    /// <summary>The http:// or https:// URL to listen on, e.g. <c>http://127.0.0.1:8080</c> (port 0: any free port).</summary>
    /// <remarks>https:// needs <see cref="TlsCertificate"/>.</remarks>
    public required Uri Listen { get; init; }

    /// <summary>The server certificate (with its private key) of an https:// <see cref="Listen"/>; null: plain HTTP only.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>The intermediates sent after <see cref="TlsCertificate"/>.</summary>
    public X509Certificate2Collection? TlsChain { get; init; }

    /// <summary>The ACME server answering at <c>/acme/{ca}/...</c>; null: no ACME endpoint.</summary>
    public AcmeServer? Acme { get; init; }

    /// <summary>The OCSP responder answering at <c>/ocsp</c>; null: no OCSP endpoint.</summary>
    public OcspResponder? Ocsp { get; init; }

    /// <summary>CAs whose certificates are served at <c>/ca/{name}.crt</c> and CRLs at <c>/crl/{name}.crl</c>; empty: neither.</summary>
    public IReadOnlyList<AuthorityRecord> Authorities { get; init; } = [];

    /// <summary>Where the CRL publisher writes <c>{name}.crl</c> (DATA/crl); null: no CRL endpoint.</summary>
    public string? CrlDirectory { get; init; }

    /// <summary>Time limit for a client to send its request headers. <value>10 s</value></summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle keep-alive connections are closed after this. <value>2 minutes</value></summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock for RFC 5019 max-age.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
