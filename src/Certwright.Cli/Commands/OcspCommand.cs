using System.CommandLine;

namespace Certwright.Cli.Commands;

/// <summary><c>certwright ocsp serve --listen http://HOST:PORT [--validity 1d] [--no-delegate]</c>: the OCSP responder alone.</summary>
internal static class OcspCommand
{
    private static readonly ServeOptions Options = new();

    public static Command Create()
    {
        var command = new Command("ocsp", "The OCSP responder (RFC 6960) for the private CAs");
        var serve = new Command(ServeCommand.Name, "Answer OCSP requests (GET and POST at /ocsp) for every CA until SIGINT/SIGTERM");
        Options.AddTo(serve);
        serve.SetAction(CommandRunner.Guard((context, parseResult, cancellationToken) =>
            ServeHost.RunAsync(context, parseResult, Options, acmeOptions: null, cancellationToken)));
        command.Subcommands.Add(serve);
        return command;
    }
}
