using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// The three Secret calls a deployment makes (read, create, replace) on the REST paths
/// <c>/api/v1/namespaces/NS/secrets[/NAME]</c>, with Secrets kept as JSON trees: fields this code does not know (owner
/// references, finalizers, managed fields) go back to the server unchanged. Answers are read up to a size cap.
/// </summary>
/// <param name="http">A client from <see cref="KubernetesEndpoint.CreateHttpClient"/> (base address, TLS, credentials).</param>
internal sealed class SecretsApi(HttpClient http)
{
    /// <summary>A Secret is at most 1 MiB; its JSON with metadata stays well under this cap.</summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>The Secret, or null when it does not exist.</summary>
    public async Task<JsonObject?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, Path(ns, name), null, cancellationToken);
        }
        catch (KubernetesApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<JsonObject> CreateAsync(string ns, JsonObject secret, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Path(ns, null), secret, cancellationToken);

    public Task<JsonObject> ReplaceAsync(string ns, string name, JsonObject secret, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Path(ns, name), secret, cancellationToken);

    private static string Path(string ns, string? name) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets{(name is null ? string.Empty : "/" + Uri.EscapeDataString(name))}";

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())) { Headers = { ContentType = Json } };
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var text = await ReadBoundedAsync(response.Content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new KubernetesApiException(response.StatusCode, response.ReasonPhrase, text);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new KubernetesApiException(response.StatusCode, "not a JSON object", null);
        }
        catch (JsonException e)
        {
            throw new KubernetesApiException(response.StatusCode, $"answered with invalid JSON ({e.Message})", null);
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new KubernetesApiException(HttpStatusCode.OK, $"sent more than {MaxResponseBytes} bytes", null);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>The API server answered with an error status (or an answer that is not a Secret).</summary>
internal sealed class KubernetesApiException(HttpStatusCode status, string? reasonPhrase, string? body)
    : Exception($"Kubernetes API answered {(int)status} {reasonPhrase}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ReasonPhrase { get; } = reasonPhrase;

    /// <summary>The response body (a Status object for API errors); never put into messages as a whole.</summary>
    public string? Body { get; } = body;
}
