using System.Net;
using System.Text.Json;
using Certwright.Scanning;

namespace Certwright.Cli.Output;

/// <summary>The fields that name an endpoint and how far a connection to it got, shared by scan and probe reports.</summary>
internal static class EndpointJson
{
    /// <summary>Writes target, host, port, serverName, startTls and address (the address connected to, or null).</summary>
    public static void WriteIdentity(Utf8JsonWriter writer, ScanTarget target, IPEndPoint? connected)
    {
        writer.WriteString("target", target.ToString());
        writer.WriteString("host", target.Host);
        writer.WriteNumber("port", target.Port);
        JsonOutput.WriteOptional(writer, "serverName", target.ServerName);
        JsonOutput.WriteOptional(writer, "startTls", target.StartTls == StartTlsProtocol.None ? null : target.StartTls.Name());
        JsonOutput.WriteOptional(writer, "address", connected?.ToString());
    }

    /// <summary>The JSON name of a connection outcome: success, unreachable, starttls-failed or handshake-failed.</summary>
    public static string StatusName(ScanStatus status) => status switch
    {
        ScanStatus.Success => "success",
        ScanStatus.Unreachable => "unreachable",
        ScanStatus.StartTlsFailed => "starttls-failed",
        _ => "handshake-failed",
    };
}
