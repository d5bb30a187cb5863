using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server.Internal;

/// <summary>The ACME resource objects (RFC 8555 §7.1) written with Utf8JsonWriter (no reflection: Native AOT).</summary>
internal static class AcmeJson
{
    // Relaxed escaping keeps quotes and apostrophes in details readable; the answers are JSON, never embedded in HTML.
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Directory(AcmeUrls urls) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("newNonce", urls.NewNonce);
        w.WriteString("newAccount", urls.NewAccount);
        w.WriteString("newOrder", urls.NewOrder);
        w.WriteString("revokeCert", urls.RevokeCert);
        w.WriteString("keyChange", urls.KeyChange);
        w.WriteString("renewalInfo", urls.RenewalInfo);
        w.WriteStartObject("meta");
        w.WriteBoolean("externalAccountRequired", false);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Account(AcmeAccount account, AcmeUrls urls) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", account.Status);
        w.WriteStartArray("contact");
        foreach (var contact in account.Contact)
        {
            w.WriteStringValue(contact);
        }

        w.WriteEndArray();
        w.WritePropertyName("key");
        w.WriteRawValue(account.Jwk);
        w.WriteString("createdAt", Time(account.CreatedAt));
        w.WriteString("orders", urls.Orders(account.Id));
        w.WriteEndObject();
    });

    public static byte[] OrderList(IEnumerable<string> orderIds, AcmeUrls urls) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("orders");
        foreach (var id in orderIds)
        {
            w.WriteStringValue(urls.Order(id));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Order(AcmeOrder order, AcmeUrls urls) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", order.Status);
        w.WriteString("expires", Time(order.Expires));
        w.WriteStartArray("identifiers");
        foreach (var name in order.Identifiers)
        {
            Identifier(w, name);
        }

        w.WriteEndArray();
        w.WriteStartArray("authorizations");
        for (var i = 0; i < order.Authorizations.Count; i++)
        {
            w.WriteStringValue(urls.Authorization(order.Id, i));
        }

        w.WriteEndArray();
        w.WriteString("finalize", urls.Finalize(order.Id));
        if (order.Status == AcmeStatus.Valid)
        {
            w.WriteString("certificate", urls.Certificate(order.Id));
        }

        if (order.Error is { } error)
        {
            w.WritePropertyName("error");
            Problem(w, error);
        }

        w.WriteEndObject();
    });

    public static byte[] Authorization(AcmeOrder order, int index, AcmeUrls urls) => Write(w =>
    {
        var authorization = order.Authorizations[index];
        w.WriteStartObject();
        w.WritePropertyName("identifier");
        Identifier(w, authorization.Identifier);
        w.WriteString("status", authorization.Status);
        w.WriteString("expires", Time(authorization.Expires));
        w.WriteStartArray("challenges");
        for (var j = 0; j < authorization.Challenges.Count; j++)
        {
            Challenge(w, authorization.Challenges[j], urls.Challenge(order.Id, index, j));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Challenge(AcmeChallenge challenge, string url) => Write(w => Challenge(w, challenge, url));

    public static byte[] Problem(AcmeProblem problem) => Write(w => Problem(w, problem));

    public static byte[] RenewalInfo(DateTimeOffset start, DateTimeOffset end) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("suggestedWindow");
        w.WriteString("start", Time(start));
        w.WriteString("end", Time(end));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void Challenge(Utf8JsonWriter w, AcmeChallenge challenge, string url)
    {
        w.WriteStartObject();
        w.WriteString("type", challenge.Type);
        w.WriteString("url", url);
        w.WriteString("status", challenge.Status);
        w.WriteString("token", challenge.Token);
        if (challenge.Validated is { } validated)
        {
            w.WriteString("validated", Time(validated));
        }

        if (challenge.Error is { } error)
        {
            w.WritePropertyName("error");
            Problem(w, error);
        }

        w.WriteEndObject();
    }

    private static void Problem(Utf8JsonWriter w, AcmeProblem problem)
    {
        w.WriteStartObject();
        w.WriteString("type", "urn:ietf:params:acme:error:" + problem.Type);
        w.WriteString("detail", problem.Detail);
        w.WriteNumber("status", problem.Status);
        w.WriteEndObject();
    }

    private static void Identifier(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject();
        w.WriteString("type", "dns");
        w.WriteString("value", name);
        w.WriteEndObject();
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
