namespace Certwright.Scanning;

/// <summary>The plain-text protocol spoken before the TLS handshake, as named by <c>--starttls</c>.</summary>
public enum StartTlsProtocol
{
    /// <summary>TLS from the first byte.</summary>
    None,

    /// <summary>SMTP <c>STARTTLS</c> (RFC 3207), default port 25.</summary>
    Smtp,

    /// <summary>IMAP <c>STARTTLS</c> (RFC 3501), default port 143.</summary>
    Imap,

    /// <summary>POP3 <c>STLS</c> (RFC 2595), default port 110.</summary>
    Pop3,

    /// <summary>FTP <c>AUTH TLS</c> (RFC 4217), default port 21.</summary>
    Ftp,

    /// <summary>LDAP StartTLS extended operation (RFC 4511), default port 389.</summary>
    Ldap,

    /// <summary>PostgreSQL <c>SSLRequest</c>, default port 5432.</summary>
    Postgres,
}
