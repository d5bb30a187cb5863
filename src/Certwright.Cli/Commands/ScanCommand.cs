using System.CommandLine;

namespace Certwright.Cli.Commands;

internal static class ScanCommand
{
    public const string Name = "scan";

    public static Command Create()
    {
        var command = new Command(Name, "Fetch and validate the certificate chains TLS endpoints present, and record them in the inventory");
        command.SetAction(CommandRunner.Guard((_, _) => Task.FromResult(ExitCodes.NagiosUnknown), ExitCodes.NagiosUnknown));
        return command;
    }
}
