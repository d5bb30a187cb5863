using System.CommandLine;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>certwright serve --listen http(s)://HOST:PORT [--tls-cert F --tls-key F] [--validity 1d] [--no-delegate] [--acme-...]</c>: the
/// HTTP server for every CA in the store: OCSP (<c>/ocsp</c>), CRLs (<c>/crl/{name}.crl</c>), CA certificates (<c>/ca/{name}.crt</c>)
/// and ACME (<c>/acme/{name}/directory</c>). Later issues add the dashboard to the same host.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    /// <summary>How long System.CommandLine lets a stopping server drain: Kestrel's shutdown, then the checks in flight, plus a margin.</summary>
    public static readonly TimeSpan TerminationTimeout = ServeHost.DrainTimeout + ServeHost.DrainTimeout + TimeSpan.FromSeconds(5);

    private static readonly ServeOptions Options = new();
    private static readonly ServeAcmeOptions AcmeOptions = new();

    public static Command Create()
    {
        var command = new Command(Name, "Serve OCSP, CRLs, CA certificates and ACME for every CA over HTTP(S) until SIGINT/SIGTERM");
        Options.AddTo(command);
        AcmeOptions.AddTo(command);
        command.SetAction(CommandRunner.Guard((context, parseResult, cancellationToken) =>
            ServeHost.RunAsync(context, parseResult, Options, AcmeOptions, cancellationToken)));
        return command;
    }
}
