using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Certwright.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Certwright.Tests.Renewal.Deploy;

/// <summary>One request the fake API server received.</summary>
public sealed record ApiRequest(string Method, string Path, string? Authorization, JsonObject? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>An answer a test forces instead of the normal one.</summary>
public sealed record ApiFault(HttpStatusCode Status, string Reason, string Message);

/// <summary>
/// A loopback Kubernetes API server for Secrets only, on Kestrel with TLS (a test CA the kubeconfig trusts), speaking the real
/// REST paths and semantics: GET/POST/PUT on /api/v1/namespaces/NS/secrets[/NAME], bearer-token authentication,
/// 404 NotFound, 409 AlreadyExists on create, 409 Conflict on a stale resourceVersion, 422 on
/// a type change, resourceVersion bumped on every write. It records every request for the test to assert on.
/// </summary>
public sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _secrets = new(StringComparer.Ordinal);
    private readonly List<ApiRequest> _requests = [];
    private readonly TestCertificate _root;
    private readonly TestCertificate _serverCertificate;
    private int _resourceVersion = 1000;

    private FakeKubernetesApi(WebApplication app, TestCertificate root, TestCertificate serverCertificate, int port)
    {
        _app = app;
        _root = root;
        _serverCertificate = serverCertificate;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The CA that signed the server's certificate (PEM), for kubeconfigs and service-account directories.</summary>
    public string CaPem => _root.CertificatePem;

    /// <summary>Namespaces that exist; a create elsewhere answers 404 as the real server does.</summary>
    public HashSet<string> Namespaces { get; } = new(StringComparer.Ordinal) { "prod" };

    /// <summary>Called for every request before the normal handling; a non-null answer is sent instead.</summary>
    public Func<ApiRequest, ApiFault?>? Fault { get; set; }

    public IReadOnlyList<ApiRequest> Requests
    {
        get
        {
            lock (_secrets)
            {
                return [.. _requests];
            }
        }
    }

    /// <param name="serverNames">The DNS names of the server's certificate; by default also 127.0.0.1 as an IP address.</param>
    public static async Task<FakeKubernetesApi> StartAsync(string[]? serverNames = null)
    {
        var root = TestPki.CreateRoot("Fake Kubernetes CA");
        var serverCertificate = TestPki.CreateLeaf(root, "kubernetes", serverNames ?? ["kubernetes", "localhost"], serverNames is null ? [IPAddress.Loopback] : []);
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(serverCertificate.Certificate)));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app, root, serverCertificate, port);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        return api;
    }

    /// <summary>A kubeconfig for this server: its CA as certificate-authority-data, the bearer token, namespace prod.</summary>
    public string WriteKubeconfig(TempDirectory directory, string name = "kubeconfig", string? caPem = null)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem ?? _root.CertificatePem));
        return directory.Write(name, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: https://127.0.0.1:{Port}
                certificate-authority-data: {ca}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: certwright
                namespace: prod
            current-context: fake
            users:
            - name: certwright
              user:
                token: {Token}
            """);
    }

    /// <summary>Puts a Secret in place as another client would (its resourceVersion is assigned).</summary>
    public void Seed(string ns, JsonObject secret)
    {
        lock (_secrets)
        {
            var metadata = (JsonObject)secret["metadata"]!;
            metadata["namespace"] = ns;
            metadata["resourceVersion"] = NextVersion();
            metadata["uid"] = Guid.NewGuid().ToString();
            _secrets[Key(ns, (string)metadata["name"]!)] = secret;
        }
    }

    /// <summary>A copy of the stored Secret, or null.</summary>
    public JsonObject? Get(string ns, string name)
    {
        lock (_secrets)
        {
            return _secrets.TryGetValue(Key(ns, name), out var secret) ? (JsonObject)secret.DeepClone() : null;
        }
    }

    /// <summary>Changes a stored Secret as a concurrent writer would (bumps its resourceVersion).</summary>
    public void Modify(string ns, string name, Action<JsonObject> change)
    {
        lock (_secrets)
        {
            var secret = _secrets[Key(ns, name)];
            change(secret);
            secret["metadata"]!["resourceVersion"] = NextVersion();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serverCertificate.Dispose();
        _root.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject
            : null;
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var request = new ApiRequest(context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body);
        var (status, answer) = Answer(request, context.Request.Path.Value ?? string.Empty);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private (HttpStatusCode, JsonObject) Answer(ApiRequest request, string path)
    {
        lock (_secrets)
        {
            _requests.Add(request);
            if (request.Authorization != $"Bearer {Token}")
            {
                return Status(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
            }

            if (Fault?.Invoke(request) is { } fault)
            {
                return Status(fault.Status, fault.Reason, fault.Message);
            }

            var match = SecretsPath().Match(path);
            if (!match.Success)
            {
                return Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
            }

            var ns = match.Groups["ns"].Value;
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
            return (request.Method, name) switch
            {
                ("GET", not null) => Read(ns, name),
                ("POST", null) => Create(ns, request.Body!),
                ("PUT", not null) => Replace(ns, name, request.Body!),
                _ => Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{request.Method} is not supported here"),
            };
        }
    }

    private (HttpStatusCode, JsonObject) Read(string ns, string name) =>
        _secrets.TryGetValue(Key(ns, name), out var secret)
            ? (HttpStatusCode.OK, (JsonObject)secret.DeepClone())
            : NotFound(name);

    private (HttpStatusCode, JsonObject) Create(string ns, JsonObject secret)
    {
        var name = (string)secret["metadata"]!["name"]!;
        if (!Namespaces.Contains(ns))
        {
            return Status(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{ns}\" not found");
        }

        if (_secrets.ContainsKey(Key(ns, name)))
        {
            return Status(HttpStatusCode.Conflict, "AlreadyExists", $"secrets \"{name}\" already exists");
        }

        var stored = (JsonObject)secret.DeepClone();
        stored["metadata"]!["namespace"] = ns;
        stored["metadata"]!["uid"] = Guid.NewGuid().ToString();
        stored["metadata"]!["resourceVersion"] = NextVersion();
        _secrets[Key(ns, name)] = stored;
        return (HttpStatusCode.Created, (JsonObject)stored.DeepClone());
    }

    private (HttpStatusCode, JsonObject) Replace(string ns, string name, JsonObject secret)
    {
        if (!_secrets.TryGetValue(Key(ns, name), out var current))
        {
            return NotFound(name);
        }

        var sentVersion = (string?)secret["metadata"]?["resourceVersion"];
        if (sentVersion is not null && sentVersion != (string?)current["metadata"]!["resourceVersion"])
        {
            return Status(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on secrets \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
        }

        if ((string?)secret["type"] != (string?)current["type"])
        {
            return Status(HttpStatusCode.UnprocessableEntity, "Invalid", $"Secret \"{name}\" is invalid: type: Invalid value: \"{secret["type"]}\": field is immutable");
        }

        var stored = (JsonObject)secret.DeepClone();
        stored["metadata"]!["resourceVersion"] = NextVersion();
        _secrets[Key(ns, name)] = stored;
        return (HttpStatusCode.OK, (JsonObject)stored.DeepClone());
    }

    private static (HttpStatusCode, JsonObject) NotFound(string name) => Status(HttpStatusCode.NotFound, "NotFound", $"secrets \"{name}\" not found");

    private static (HttpStatusCode, JsonObject) Status(HttpStatusCode code, string reason, string message) => (code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = (int)code,
    });

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private static string Key(string ns, string name) => $"{ns}/{name}";

    [GeneratedRegex("^/api/v1/namespaces/(?<ns>[^/]+)/secrets(/(?<name>[^/]+))?$")]
    private static partial Regex SecretsPath();
}
