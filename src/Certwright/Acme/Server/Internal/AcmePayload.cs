using System.Text.Json;

namespace Certwright.Acme.Server.Internal;

/// <summary>Parses JWS payloads as JSON objects, bounded in depth.</summary>
internal static class AcmePayload
{
    /// <exception cref="AcmeProblemException">malformed when the payload is not a JSON object.</exception>
    public static JsonDocument Parse(byte[] payload)
    {
        try
        {
            var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Reported below.
        }

        throw AcmeProblemException.Malformed("the JWS payload is not a JSON object");
    }
}
