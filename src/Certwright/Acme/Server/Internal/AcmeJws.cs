using System.Text;
using System.Text.Json;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// A flattened JWS JSON request body (RFC 8555 §6.2): the protected header's alg, nonce, url and exactly one of jwk or kid;
/// the payload (empty for POST-as-GET). Parsing checks the form only; <see cref="AcmeJwk.Verify"/> checks the signature.
/// </summary>
internal sealed class AcmeJws : IDisposable
{
    private readonly JsonDocument _header;

    private AcmeJws(JsonDocument header, byte[] signingInput, byte[] signature, byte[] payload)
    {
        _header = header;
        SigningInput = signingInput;
        Signature = signature;
        Payload = payload;
        var root = header.RootElement;
        Algorithm = Text(root, "alg") ?? throw AcmeProblemException.Malformed("the JWS protected header has no 'alg'");
        if (Algorithm is "none" || Algorithm.StartsWith("HS", StringComparison.Ordinal))
        {
            throw AcmeProblemException.Of("badSignatureAlgorithm", $"JWS algorithm '{Algorithm}' is not accepted; use RS256 or ES256", 400);
        }

        Url = Text(root, "url") ?? throw AcmeProblemException.Malformed("the JWS protected header has no 'url'");
        Nonce = Text(root, "nonce");
        KeyId = Text(root, "kid");
        Jwk = root.TryGetProperty("jwk", out var jwk) ? jwk : null;
        if ((KeyId is null) == (Jwk is null))
        {
            throw AcmeProblemException.Malformed("the JWS protected header must carry exactly one of 'jwk' and 'kid'");
        }
    }

    public string Algorithm { get; }

    public string Url { get; }

    public string? Nonce { get; }

    public string? KeyId { get; }

    public JsonElement? Jwk { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>The decoded payload; empty for POST-as-GET.</summary>
    public byte[] Payload { get; }

    public bool IsPostAsGet => Payload.Length == 0;

    /// <exception cref="AcmeProblemException">malformed (not a flattened JWS, bad base64url, bad JSON).</exception>
    public static AcmeJws Parse(ReadOnlySpan<byte> body)
    {
        string protectedText;
        string payloadText;
        string signatureText;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("signatures", out _))
            {
                throw AcmeProblemException.Malformed("the request body is not a flattened JWS JSON object (RFC 8555 §6.2)");
            }

            protectedText = Text(root, "protected") ?? throw AcmeProblemException.Malformed("the JWS has no 'protected' header");
            payloadText = Text(root, "payload") ?? throw AcmeProblemException.Malformed("the JWS has no 'payload'");
            signatureText = Text(root, "signature") ?? throw AcmeProblemException.Malformed("the JWS has no 'signature'");
            if (root.TryGetProperty("header", out _))
            {
                throw AcmeProblemException.Malformed("the JWS has an unprotected 'header'; ACME allows only the protected header");
            }
        }
        catch (JsonException)
        {
            throw AcmeProblemException.Malformed("the request body is not JSON; send a flattened JWS with Content-Type application/jose+json");
        }

        var headerBytes = Base64UrlText.TryDecode(protectedText) ?? throw AcmeProblemException.Malformed("the JWS 'protected' member is not base64url");
        var payload = Base64UrlText.TryDecode(payloadText) ?? throw AcmeProblemException.Malformed("the JWS 'payload' member is not base64url");
        var signature = Base64UrlText.TryDecode(signatureText) ?? throw AcmeProblemException.Malformed("the JWS 'signature' member is not base64url");
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            throw AcmeProblemException.Malformed("the JWS protected header is not JSON");
        }

        if (header.RootElement.ValueKind != JsonValueKind.Object)
        {
            header.Dispose();
            throw AcmeProblemException.Malformed("the JWS protected header is not a JSON object");
        }

        try
        {
            return new AcmeJws(header, Encoding.ASCII.GetBytes(protectedText + "." + payloadText), signature, payload);
        }
        catch
        {
            header.Dispose();
            throw;
        }
    }

    /// <summary>The payload as a JSON object.</summary>
    /// <exception cref="AcmeProblemException">malformed when it is not one.</exception>
    public JsonDocument PayloadJson()
    {
        try
        {
            var document = JsonDocument.Parse(Payload, new JsonDocumentOptions { MaxDepth = 16 });
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

    public void Dispose() => _header.Dispose();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
