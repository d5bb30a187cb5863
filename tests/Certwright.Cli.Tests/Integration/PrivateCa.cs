using Certwright.Cli.Tests.Infrastructure;

namespace Certwright.Cli.Tests.Integration;

/// <summary>A certificate <c>certwright issue</c> wrote: chain file (leaf, then intermediate), key file, serial and expiry.</summary>
internal sealed record IssuedFiles(string Certificate, string Key, string Serial, DateTimeOffset NotAfter);

/// <summary>
/// A CA made with the published CLI (<c>ca init NAME --public-url http://127.0.0.1:SERVEPORT</c>), so its leaves carry AIA
/// and CRL distribution points that point at the <c>certwright serve</c> the test starts on <see cref="ServePort"/>.
/// PEM files for openssl, nginx and curl: the root, the intermediate, and the chain (intermediate then root).
/// </summary>
internal sealed class PrivateCa
{
    private PrivateCa(CliSession session, string name, int servePort, string passphraseFile, string root, string intermediate, string chain)
    {
        Session = session;
        Name = name;
        ServePort = servePort;
        PassphraseFile = passphraseFile;
        Root = root;
        Intermediate = intermediate;
        Chain = chain;
    }

    public CliSession Session { get; }

    public string Name { get; }

    public int ServePort { get; }

    public string ServeUrl => $"http://127.0.0.1:{ServePort}";

    public string PassphraseFile { get; }

    public string Root { get; }

    public string Intermediate { get; }

    /// <summary>The issuing certificate then the root: what nginx's <c>ssl_trusted_certificate</c>/<c>ssl_client_certificate</c> and <c>openssl -CAfile</c> take.</summary>
    public string Chain { get; }

    public static async Task<PrivateCa> InitAsync(CliSession session, string name, int servePort)
    {
        var passphrase = session.Work.Write($"{name}.passphrase", $"{name} e2e passphrase 1234\n");
        (await session.RunAsync("ca", "init", name, "--public-url", $"http://127.0.0.1:{servePort}", "--key-passphrase-file", passphrase)).ExpectExit(0);
        var root = (await session.RunAsync("ca", "cert", name, "--root")).ExpectExit(0).StandardOutput;
        var intermediate = (await session.RunAsync("ca", "cert", name)).ExpectExit(0).StandardOutput;
        return new PrivateCa(
            session,
            name,
            servePort,
            passphrase,
            session.Work.Write($"{name}-root.pem", root),
            session.Work.Write($"{name}-intermediate.pem", intermediate),
            session.Work.Write($"{name}-chain.pem", intermediate + root));
    }

    /// <summary><c>certwright issue --ca NAME --profile P --out WORK/FILE ARGS... --json</c>.</summary>
    public async Task<IssuedFiles> IssueAsync(string profile, string file, params string[] arguments)
    {
        var prefix = Session.Work.File(file);
        var issued = (await Session.RunAsync(["issue", "--ca", Name, "--profile", profile, .. arguments, "--out", prefix, "--key-passphrase-file", PassphraseFile, "--json"]))
            .ExpectExit(0).Json("issued");
        return new IssuedFiles(prefix + ".crt", prefix + ".key", issued.Str("serial"), issued.Time("notAfter"));
    }

    /// <summary>
    /// <c>certwright revoke SERIAL --reason R</c> in its own process, as an operator would while serve runs; without the
    /// key passphrase, so the CRL is left to serve (which these tests check).
    /// </summary>
    public async Task RevokeAsync(IssuedFiles certificate, string reason = "keyCompromise")
    {
        var run = (await Session.RunAsync("revoke", certificate.Serial, "--reason", reason)).ExpectExit(0);
        Assert.Equal(2, run.OutputLines.Count);
        Assert.StartsWith($"revoked serial {certificate.Serial} ", run.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("CRL not published (the CA key needs --key-passphra", run.OutputLines[1], StringComparison.Ordinal);
    }

    /// <summary>Starts <c>certwright serve --listen http://127.0.0.1:SERVEPORT</c> and waits until it listens.</summary>
    public Task<ServeProcess> ServeAsync() => ServeProcess.StartAsync(Session, ServeUrl, PassphraseFile);
}
