using System.Text.Json;
using Certwright.Certificates;
using Certwright.Validation;

namespace Certwright.Cli.Output;

/// <summary>The <c>verify --json</c> document (<c>kind: verify-result</c>).</summary>
internal static class VerifyJsonWriter
{
    public static void Write(Utf8JsonWriter writer, string path, CertificateRecord certificate, ChainValidationResult result, DateTimeOffset validationTime)
    {
        JsonOutput.StartDocument(writer, "verify-result");
        writer.WriteString("file", path);
        writer.WriteBoolean("valid", result.IsValid);
        JsonOutput.WriteTime(writer, "validationTime", validationTime);
        writer.WriteString("profile", result.Profile.ToString());
        writer.WritePropertyName("certificate");
        CertificateJson.Write(writer, certificate);
        writer.WriteStartArray("path");
        foreach (var element in result.Path)
        {
            writer.WriteStartObject();
            writer.WriteString("sha256", element.Sha256);
            writer.WriteString("subject", element.Subject);
            writer.WriteString("issuer", element.Issuer);
            JsonOutput.WriteTime(writer, "notBefore", element.NotBefore);
            JsonOutput.WriteTime(writer, "notAfter", element.NotAfter);
            writer.WriteString("source", element.Source.ToString());
            writer.WriteBoolean("trustAnchor", element.IsTrustAnchor);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            FindingJson.Write(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("errors");
        foreach (var error in result.Errors)
        {
            writer.WriteStartObject();
            writer.WriteNumber("depth", error.Depth);
            writer.WriteString("code", error.Code);
            writer.WriteNumber("opensslCode", error.OpensslCode);
            writer.WriteBoolean("warning", error.IsWarning);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
