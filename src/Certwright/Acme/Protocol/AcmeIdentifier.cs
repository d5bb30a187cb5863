using System.Text.Json.Serialization;

namespace Certwright.Acme.Protocol;

/// <summary>An identifier in an order or authorization (RFC 8555 section 9.7.7): type <c>dns</c> (or <c>ip</c>, RFC 8738) and value.</summary>
public sealed record AcmeIdentifier
{
    public const string DnsType = "dns";
    public const string IpType = "ip";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    public static AcmeIdentifier Dns(string name) => new() { Type = DnsType, Value = name };
}
