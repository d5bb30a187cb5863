using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>
/// Real STARTTLS servers, each with its own leaf (so a test can tell whose certificate came back): exim (SMTP),
/// dovecot (IMAP and POP3), vsftpd (FTP), slapd (LDAP; a second one without TLS) and PostgreSQL.
/// </summary>
public sealed class StartTlsServersFixture : IAsyncLifetime
{
    private readonly List<BackgroundServer> _servers = [];

    public TempDirectory Directory { get; } = new();

    public TestCertificate Root { get; } = TestPki.CreateRoot("StartTLS Test Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);

    public Dictionary<string, TestCertificate> Leaves { get; } = [];

    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "smtp", "mail", "ftp", "ldap", "postgres" })
        {
            // RSA: vsftpd reads its key as rsa_private_key_file, and every daemon here accepts it.
            Leaves[name] = TestPki.CreateLeaf(Root, $"{name}.test", [$"{name}.test", "localhost"], keyType: TestKeyType.Rsa2048);
        }

        foreach (var name in new[] { "smtp", "imap", "pop3", "ftp", "ldap", "ldap-no-tls", "postgres" })
        {
            Ports[name] = FreePort.Next();
        }

        var starts = new[]
        {
            StartTlsServers.StartEximAsync(Directory, Ports["smtp"], Chain("smtp"), Key("smtp")),
            StartTlsServers.StartDovecotAsync(Directory, Ports["imap"], Ports["pop3"], Chain("mail"), Key("mail")),
            StartTlsServers.StartVsftpdAsync(Directory, Ports["ftp"], Chain("ftp"), Key("ftp")),
            StartTlsServers.StartSlapdAsync(Directory, Ports["ldap"], Chain("ldap"), Key("ldap")),
            StartTlsServers.StartSlapdAsync(Directory, Ports["ldap-no-tls"], null, null),
            StartTlsServers.StartPostgresAsync(Directory, Ports["postgres"], Chain("postgres"), Key("postgres")),
        };
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            _servers.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Dispose();
    }

    private string Chain(string name) => TestPki.Bundle(Leaves[name], Root);

    private string Key(string name) => Leaves[name].PrivateKeyPem;
}
