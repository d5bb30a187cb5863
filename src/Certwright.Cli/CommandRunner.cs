using System.CommandLine;

namespace Certwright.Cli;

/// <summary>
/// Runs a command's body and turns failures into one line on stderr and an exit code, so no user ever
/// sees a stack trace for a problem they caused (bad file, wrong password, unreachable host).
/// </summary>
internal static class CommandRunner
{
    public static Func<ParseResult, CancellationToken, Task<int>> Guard(
        Func<CliContext, ParseResult, CancellationToken, Task<int>> body,
        int errorExitCode = ExitCodes.Error)
    {
        return async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var context = new CliContext(parseResult);
                return await body(context, parseResult, cancellationToken);
            }
            catch (CertwrightException e)
            {
                await Console.Error.WriteLineAsync($"certwright: {OneLine(e.Message)}");
                return errorExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("certwright: interrupted");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"certwright: {OneLine(e.Message)}");
                return errorExitCode;
            }
#pragma warning disable CA1031 // The last line of defence: report a bug in one line, never a raw crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"certwright: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
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

    /// <summary>
    /// Messages quote what users gave (paths, host names) and what files hold: control characters would drive the
    /// terminal, and a newline would break the one-line contract.
    /// </summary>
    private static string OneLine(string message) => Output.ConsoleTable.Sanitize(message.TrimEnd('\n', '\r'));
}
