namespace Certwright.Scanning;

/// <summary>Names and default ports of the <see cref="StartTlsProtocol"/> values.</summary>
public static class StartTlsProtocols
{
    /// <summary>The names <c>--starttls</c> accepts, in the order the CLI documents them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["smtp", "imap", "pop3", "ftp", "ldap", "postgres"];

    public static int DefaultPort(this StartTlsProtocol protocol) => protocol switch
    {
        StartTlsProtocol.None => 443,
        StartTlsProtocol.Smtp => 25,
        StartTlsProtocol.Imap => 143,
        StartTlsProtocol.Pop3 => 110,
        StartTlsProtocol.Ftp => 21,
        StartTlsProtocol.Ldap => 389,
        StartTlsProtocol.Postgres => 5432,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown STARTTLS protocol"),
    };

    public static string Name(this StartTlsProtocol protocol) => protocol switch
    {
        StartTlsProtocol.None => "none",
        _ => Names[(int)protocol - 1],
    };

    /// <summary>Parses a <c>--starttls</c> value (case-insensitive).</summary>
    /// <exception cref="CertwrightException">Usage, naming the accepted values.</exception>
    public static StartTlsProtocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (StartTlsProtocol)(i + 1);
            }
        }

        throw new CertwrightException(
            ErrorKind.Usage,
            $"Unknown STARTTLS protocol '{name}': use one of {string.Join(", ", Names)}.");
    }
}
