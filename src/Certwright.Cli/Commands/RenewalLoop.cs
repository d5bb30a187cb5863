using Certwright.Cli.Output;
using Certwright.Renewal;

namespace Certwright.Cli.Commands;

/// <summary>
/// The scheduled renewal of <c>monitor</c> and <c>serve</c>: a renewal run, then one every <see cref="DefaultInterval"/>,
/// until cancelled. A run that fails as a whole (database locked, CA key unavailable) is reported and the next one tried.
/// </summary>
internal static class RenewalLoop
{
    /// <summary>
    /// Renewal windows are days wide (a third of the lifetime, or the CA's ARI window), so hourly runs are early enough;
    /// the backoff after a failure starts at 5 minutes and is honoured at the next run.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static async Task RunAsync(RenewalSession session, string? @namespace, TextWriter output, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(session, @namespace, output, cancellationToken);
                await Task.Delay(DefaultInterval, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One run; its changes and failures are printed, a quiet run prints nothing. Failures as a whole are printed, not thrown.</summary>
    public static async Task<IReadOnlyList<RenewalOutcome>> RunOnceAsync(RenewalSession session, string? @namespace, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<RenewalOutcome> outcomes;
        try
        {
            outcomes = await session.Runner.RunAsync(new RenewalRunOptions { Namespace = @namespace }, cancellationToken);
        }
        catch (CertwrightException e)
        {
            await output.WriteLineAsync(ConsoleTable.Sanitize($"renew: run failed: {e.Message}"));
            return [];
        }

        foreach (var outcome in outcomes.Where(o => o.Status != RenewalStatus.NotDue || o.Findings.Count > 0))
        {
            var detail = outcome.Findings.Count > 0 ? $"{outcome.Findings[0].Code}: {outcome.Findings[0].Message}" : $"{outcome.Sha256?[..16]}…";
            await output.WriteLineAsync(ConsoleTable.Sanitize($"renew: {outcome.Name} ({outcome.Namespace}) {ManagedJsonWriter.StatusName(outcome.Status)}: {detail}"));
        }

        return outcomes;
    }
}
