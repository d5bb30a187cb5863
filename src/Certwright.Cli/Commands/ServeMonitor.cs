using Certwright.Monitoring;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>serve</c> runs the scheduled checks of <c>monitor</c> (certwright.yaml's targets and watched directories and
/// those of <c>target add</c>) beside its HTTP server, as DESIGN.md's CLI contract says, recording every result.
/// </summary>
internal static class ServeMonitor
{
    /// <summary>The checks and what runs them; null when there is nothing to check.</summary>
    public static async Task<(MonitorSession Session, MonitorPlan Plan)?> OpenAsync(CliContext context, string? configPath, TextWriter output, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var configuration = await context.LoadConfigurationAsync(configPath, cancellationToken);
        var store = await context.OpenMonitorStoreAsync(cancellationToken);
        var plan = MonitorPlan.Create(configuration, await store.ListTargetsAsync(cancellationToken), null);
        if (plan.Checks.Count == 0)
        {
            return null;
        }

        var session = await MonitorSession.OpenAsync(context, configuration, plan, caFile: null, checkRevocation: true, checkIntermediates: false, output, cancellationToken, drainTimeout);
        return (session, plan);
    }
}
