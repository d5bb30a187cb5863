using System.Text.Json;
using Certwright.Revocation;

namespace Certwright.Cli.Output;

/// <summary>The <c>revocation</c> object of <c>scan --json</c>, and its one-line text form.</summary>
internal static class RevocationJson
{
    public static void Write(Utf8JsonWriter writer, RevocationResult result)
    {
        writer.WriteStartObject("revocation");
        writer.WriteString("status", StatusName(result.Status));
        writer.WriteString("source", SourceName(result.Source));
        JsonOutput.WriteOptional(writer, "url", result.Url);
        WriteOptionalTime(writer, "revokedAt", result.RevokedAt);
        JsonOutput.WriteOptional(writer, "reason", result.Reason);
        WriteOptionalTime(writer, "thisUpdate", result.ThisUpdate);
        WriteOptionalTime(writer, "nextUpdate", result.NextUpdate);
        JsonOutput.WriteOptional(writer, "detail", result.Detail);
        writer.WriteEndObject();
    }

    /// <summary><c>good (OCSP http://..., next update 2026-...)</c>, <c>REVOKED on ... (keyCompromise; stapled OCSP)</c>...</summary>
    public static string Describe(RevocationResult result)
    {
        var source = result.Source switch
        {
            RevocationSource.Stapled => "stapled OCSP",
            RevocationSource.Ocsp => $"OCSP {result.Url}",
            RevocationSource.Crl => $"CRL {result.Url}",
            _ => null,
        };
        return result.Status switch
        {
            RevocationStatus.Good => $"good ({source}{(result.NextUpdate is { } next ? $", next update {JsonOutput.FormatTime(next)}" : "")})",
            RevocationStatus.Revoked => $"REVOKED on {(result.RevokedAt is { } at ? JsonOutput.FormatTime(at) : "?")} ({(result.Reason is null ? "" : result.Reason + "; ")}{source})",
            RevocationStatus.Unknown => $"unknown to the responder ({source})",
            _ => $"not checked: {result.Detail}",
        };
    }

    private static string StatusName(RevocationStatus status) => status switch
    {
        RevocationStatus.Good => "good",
        RevocationStatus.Revoked => "revoked",
        RevocationStatus.Unknown => "unknown",
        _ => "unavailable",
    };

    private static string SourceName(RevocationSource source) => source switch
    {
        RevocationSource.Stapled => "stapled",
        RevocationSource.Ocsp => "ocsp",
        RevocationSource.Crl => "crl",
        _ => "none",
    };

    private static void WriteOptionalTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            JsonOutput.WriteTime(writer, name, time);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
