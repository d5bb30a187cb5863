using System.Text.Json;
using Certwright.Keys;
using Certwright.Renewal;

namespace Certwright.Cli.Output;

/// <summary>The <c>managed list --json</c> (<c>kind: managed-list</c>) and <c>renew --json</c> (<c>kind: renew</c>) documents.</summary>
internal static class ManagedJsonWriter
{
    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<ManagedEntry> entries, DateTimeOffset now)
    {
        JsonOutput.StartDocument(writer, "managed-list");
        JsonOutput.WriteTime(writer, "generatedAt", now);
        writer.WriteStartArray("certificates");
        foreach (var (managed, state) in entries)
        {
            var decision = RenewalPlanner.Decide(managed, state, null, now);
            writer.WriteStartObject();
            writer.WriteString("name", managed.Name);
            writer.WriteString("namespace", managed.Namespace);
            writer.WriteString("source", managed.Source.Describe());
            writer.WriteString("sourceKind", managed.Source.Kind);
            JsonOutput.WriteStringArray(writer, "domains", managed.Domains);
            writer.WriteString("keyType", KeyTypes.Format(managed.KeyType));
            JsonOutput.WriteStringArray(writer, "deployTargets", managed.DeployTargets.Select(t => t.ToString()));
            JsonOutput.WriteOptional(writer, "reloadCommand", managed.ReloadCommand);
            JsonOutput.WriteStringArray(writer, "verifyEndpoints", managed.VerifyEndpoints);
            JsonOutput.WriteOptional(writer, "sha256", state.CurrentSha256);
            JsonOutput.WriteOptionalTime(writer, "notBefore", state.NotBefore);
            JsonOutput.WriteOptionalTime(writer, "notAfter", state.NotAfter);
            writer.WriteBoolean("due", decision.Due);
            JsonOutput.WriteOptionalTime(writer, "nextRenewal", decision.Due ? now : decision.RenewAt);
            JsonOutput.WriteOptionalTime(writer, "lastAttempt", state.LastAttempt);
            JsonOutput.WriteOptional(writer, "lastResult", state.LastResult);
            JsonOutput.WriteOptional(writer, "lastError", state.LastError);
            writer.WriteNumber("consecutiveFailures", state.ConsecutiveFailures);
            JsonOutput.WriteOptionalTime(writer, "nextAttemptAfter", state.NextAttemptAfter);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteRun(Utf8JsonWriter writer, IReadOnlyList<RenewalOutcome> outcomes, bool dryRun, DateTimeOffset now)
    {
        JsonOutput.StartDocument(writer, "renew");
        JsonOutput.WriteTime(writer, "generatedAt", now);
        writer.WriteBoolean("dryRun", dryRun);
        writer.WriteStartObject("summary");
        writer.WriteNumber("total", outcomes.Count);
        foreach (var status in Enum.GetValues<RenewalStatus>())
        {
            writer.WriteNumber(StatusName(status), outcomes.Count(o => o.Status == status));
        }

        writer.WriteEndObject();
        writer.WriteStartArray("certificates");
        foreach (var outcome in outcomes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", outcome.Name);
            writer.WriteString("namespace", outcome.Namespace);
            writer.WriteString("status", StatusName(outcome.Status));
            writer.WriteString("reason", outcome.Decision.Reason);
            JsonOutput.WriteOptionalTime(writer, "renewAt", outcome.Decision.RenewAt);
            JsonOutput.WriteOptional(writer, "sha256", outcome.Sha256);
            JsonOutput.WriteOptionalTime(writer, "notAfter", outcome.NotAfter);
            JsonOutput.WriteOptionalTime(writer, "nextAttemptAfter", outcome.NextAttemptAfter);
            writer.WriteStartArray("findings");
            foreach (var finding in outcome.Findings)
            {
                FindingJson.Write(writer, finding);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The stable names of <see cref="RenewalStatus"/> in JSON and text.</summary>
    public static string StatusName(RenewalStatus status) => status switch
    {
        RenewalStatus.NotDue => "notDue",
        RenewalStatus.WouldRenew => "wouldRenew",
        RenewalStatus.Renewed => "renewed",
        RenewalStatus.NotServed => "notServed",
        _ => "failed",
    };
}
