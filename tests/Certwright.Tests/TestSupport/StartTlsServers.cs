namespace Certwright.Tests.TestSupport;

/// <summary>
/// Real STARTTLS servers started by a test on loopback ports with a generated config inside a temp folder:
/// exim (SMTP), dovecot (IMAP, POP3), vsftpd (FTP), slapd (LDAP) and PostgreSQL. Each is killed with its
/// process tree when the returned server is disposed. The daemons drop privileges to their own users, so the
/// folder is made traversable and the files they read are handed to those users.
/// </summary>
public static class StartTlsServers
{
    public static async Task<BackgroundServer> StartEximAsync(TempDirectory directory, int port, string certificatePem, string keyPem)
    {
        var exim = ExternalTool.Require("exim", "exim4-daemon-light");
        var root = Prepare(directory, "exim");
        Directory.CreateDirectory(Path.Combine(root, "spool"));
        Directory.CreateDirectory(Path.Combine(root, "log"));
        var (cert, key) = WriteKeyPair(root, certificatePem, keyPem);
        // exim reads the key and writes its spool and logs as Debian-exim.
        await ChownAsync("Debian-exim:Debian-exim", Path.Combine(root, "spool"), Path.Combine(root, "log"), cert, key);
        var config = Write(root, "exim.conf", $"""
            primary_hostname = certwright.test
            keep_environment =
            spool_directory = {root}/spool
            log_file_path = {root}/log/%slog
            pid_file_path = {root}/exim.pid
            daemon_smtp_ports = {port}
            local_interfaces = 127.0.0.1
            tls_advertise_hosts = *
            tls_certificate = {cert}
            tls_privatekey = {key}
            """);
        return await BackgroundServer.StartAsync(exim, ["-bdf", "-oX", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-C", config], port);
    }

    public static async Task<BackgroundServer> StartDovecotAsync(TempDirectory directory, int imapPort, int pop3Port, string certificatePem, string keyPem)
    {
        var dovecot = ExternalTool.Require("dovecot", "dovecot-imapd and dovecot-pop3d");
        var root = Prepare(directory, "dovecot");
        var (cert, key) = WriteKeyPair(root, certificatePem, keyPem);
        var config = Write(root, "dovecot.conf", $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            instance_name = certwright-{{imapPort}}
            protocols = imap pop3
            listen = 127.0.0.1
            ssl = yes
            ssl_cert = <{{cert}}
            ssl_key = <{{key}}
            mail_location = maildir:{{root}}/mail
            passdb {
              driver = static
              args = password=unused
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home={{root}}/home
            }
            service imap-login {
              inet_listener imap {
                port = {{imapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              inet_listener pop3 {
                port = {{pop3Port}}
              }
              inet_listener pop3s {
                port = 0
              }
            }
            """);
        var server = await BackgroundServer.StartAsync(dovecot, ["-F", "-c", config], imapPort);
        await WaitListeningAsync(pop3Port, server);
        return server;
    }

    public static async Task<BackgroundServer> StartVsftpdAsync(TempDirectory directory, int port, string certificatePem, string keyPem)
    {
        var vsftpd = ExternalTool.Require("vsftpd", "vsftpd");
        var root = Prepare(directory, "vsftpd");
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        var (cert, key) = WriteKeyPair(root, certificatePem, keyPem);
        // vsftpd refuses to start with neither anonymous nor local logins; anonymous over TLS is harmless here.
        var config = Write(root, "vsftpd.conf", $"""
            listen=YES
            listen_ipv6=NO
            listen_address=127.0.0.1
            listen_port={port}
            background=NO
            anonymous_enable=YES
            anon_root={empty}
            no_anon_password=YES
            allow_anon_ssl=YES
            local_enable=NO
            ssl_enable=YES
            rsa_cert_file={cert}
            rsa_private_key_file={key}
            secure_chroot_dir={empty}
            seccomp_sandbox=NO
            isolate=NO
            isolate_network=NO
            xferlog_enable=NO
            """);
        return await BackgroundServer.StartAsync(vsftpd, [config], port);
    }

    /// <summary>slapd with no database; without a key pair it answers StartTLS with an error.</summary>
    public static async Task<BackgroundServer> StartSlapdAsync(TempDirectory directory, int port, string? certificatePem, string? keyPem)
    {
        var slapd = ExternalTool.Require("slapd", "slapd");
        var root = Prepare(directory, $"slapd-{port}");
        var tls = "";
        if (certificatePem is not null && keyPem is not null)
        {
            var (cert, key) = WriteKeyPair(root, certificatePem, keyPem);
            tls = $"TLSCertificateFile {cert}\nTLSCertificateKeyFile {key}\n";
        }

        var config = Write(root, "slapd.conf", $"""
            include /etc/ldap/schema/core.schema
            pidfile {root}/slapd.pid
            argsfile {root}/slapd.args
            {tls}
            """);
        return await BackgroundServer.StartAsync(slapd, ["-f", config, "-h", $"ldap://127.0.0.1:{port}/", "-d", "0"], port);
    }

    /// <summary>A fresh PostgreSQL cluster (initdb as the postgres user: the server refuses to run as root) with ssl=on.</summary>
    public static async Task<BackgroundServer> StartPostgresAsync(TempDirectory directory, int port, string certificatePem, string keyPem)
    {
        var bin = PostgresBinDirectory();
        var runuser = ExternalTool.Require("runuser", "util-linux");
        var root = Prepare(directory, "postgres");
        var (cert, key) = WriteKeyPair(root, certificatePem, keyPem);
        SetMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var data = Path.Combine(root, "data");
        await ChownAsync("postgres", root, cert, key);
        (await ProcessResult.RunAsync(runuser, ["-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"])).EnsureSuccess();
        return await BackgroundServer.StartAsync(runuser,
        [
            "-u", "postgres", "--", Path.Combine(bin, "postgres"), "-D", data, "-k", root, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "ssl=on", "-c", $"ssl_cert_file={cert}", "-c", $"ssl_key_file={key}",
            "-c", "fsync=off",
        ], port);
    }

    private static string PostgresBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).Order().LastOrDefault();
        return bin ?? throw new InvalidOperationException(
            "'postgres' is not installed; the tests need it. Install the Debian package 'postgresql' (build/test.sh does this).");
    }

    private static string Prepare(TempDirectory directory, string name)
    {
        // Temp folders are created 0700; the daemons' own users must be able to reach their files.
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        SetMode(directory.Path, mode);
        var root = Directory.CreateDirectory(directory.File(name)).FullName;
        SetMode(root, mode);
        return root;
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the STARTTLS test servers run on Linux");
        }

        File.SetUnixFileMode(path, mode);
    }

    private static (string Certificate, string Key) WriteKeyPair(string root, string certificatePem, string keyPem)
        => (Write(root, "server.crt", certificatePem), Write(root, "server.key", keyPem));

    private static string Write(string root, string name, string content)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task ChownAsync(string owner, params string[] paths)
        => (await ProcessResult.RunAsync(ExternalTool.Require("chown", "coreutils"), [owner, .. paths])).EnsureSuccess();

    private static async Task WaitListeningAsync(int port, BackgroundServer server)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!BackgroundServer.IsListening(port))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"server did not listen on port {port}: {server.Output}");
            }

            await Task.Delay(20);
        }
    }
}
