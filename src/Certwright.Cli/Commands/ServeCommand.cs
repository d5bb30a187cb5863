using System.CommandLine;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright serve --listen http://HOST:PORT [--validity 1d] [--no-delegate]</c>: the HTTP server for every CA in the
/// store: OCSP (<c>/ocsp</c>), CRLs (<c>/crl/{name}.crl</c>) and CA certificates (<c>/ca/{name}.crt</c>). Later issues add
/// ACME and the dashboard to the same host.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    /// <summary>How long System.CommandLine lets a stopping server drain: Kestrel's shutdown timeout plus a margin.</summary>
    public static readonly TimeSpan TerminationTimeout = ServeHost.DrainTimeout + TimeSpan.FromSeconds(5);

    private static readonly ServeOptions Options = new();

    public static Command Create()
    {
        var command = new Command(Name, "Serve OCSP, CRLs and CA certificates for every CA over HTTP until SIGINT/SIGTERM");
        Options.AddTo(command);
        command.SetAction(CommandRunner.Guard((context, parseResult, cancellationToken) =>
            ServeHost.RunAsync(context, parseResult, Options, serveFiles: true, cancellationToken)));
        return command;
    }
}
