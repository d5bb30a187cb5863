using System.CommandLine;

namespace Certwright.Cli;

/// <summary>
/// Runs a command's body and turns failures into one line on stderr and an exit code, so no user ever
/// sees a stack trace for a problem they caused (bad file, wrong password, unreachable host).
/// </summary>
internal static class CommandRunner
{
    public static Func<ParseResult, CancellationToken, Task<int>> Guard(
        Func<ParseResult, CancellationToken, Task<int>> body,
        int errorExitCode = ExitCodes.Error)
    {
        return async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (CertwrightException e)
            {
                await Console.Error.WriteLineAsync($"certwright: {e.Message}");
                return errorExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("certwright: interrupted");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"certwright: {e.Message}");
                return errorExitCode;
            }
#pragma warning disable CA1031 // The last line of defence: report a bug in one line, never a raw crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"certwright: internal error ({e.GetType().Name}): {e.Message}");
                if (parseResult.GetValue(CliOptions.Verbose))
                {
                    await Console.Error.WriteLineAsync(e.ToString());
                }
                else
                {
                    await Console.Error.WriteLineAsync("certwright: this is a bug; run again with --verbose and report the output");
                }

                return ExitCodes.InternalError;
            }
        };
    }
}
