using System.Net;
using System.Security.Authentication;
using System.Text.Json;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// Turns what the Kubernetes client throws into one-line <see cref="CertwrightException"/>s naming the Secret and the fix.
/// Only the API server's own Status message is quoted (bounded, on one line), never a request body: those hold the key.
/// </summary>
internal static class KubernetesApiErrors
{
    private const int MaxQuotedChars = 300;

    public static bool IsStatus(Exception e, HttpStatusCode status) => e is KubernetesApiException api && api.Status == status;

    /// <summary>Failures of the connection or the API server (as opposed to bugs), which become one-line errors.</summary>
    public static bool IsClientFailure(Exception e) => e is KubernetesApiException or HttpRequestException or OperationCanceledException;

    public static CertwrightException Map(Exception e, string action, KubernetesSecretOptions options, string? apiHost)
    {
        var target = $"secret {options.Namespace}/{options.Name}";
        return e switch
        {
            KubernetesApiException api => FromStatus(api, action, target, options.Namespace),
            HttpRequestException { InnerException: AuthenticationException tls } => new CertwrightException(ErrorKind.Transport, $"cannot {action} {target}: the Kubernetes API at {apiHost} failed the TLS handshake: {Reason(tls)}; check the certificate-authority in {Where(options)}", e),
            HttpRequestException => new CertwrightException(ErrorKind.Transport, $"cannot {action} {target}: the Kubernetes API at {apiHost} is unreachable: {Reason(e)}; check {Where(options)} and the network", e),
            OperationCanceledException => new CertwrightException(ErrorKind.Transport, $"cannot {action} {target}: the Kubernetes API at {apiHost} did not answer within {options.Timeout.TotalSeconds:0} s; try again later", e),
            _ => throw new InvalidOperationException($"unexpected failure mapping for {e.GetType().Name}", e),
        };
    }

    public static CertwrightException Changed(string action, string target) =>
        new(ErrorKind.Remote, $"cannot {action} {target}: it was changed by someone else twice while Certwright replaced it (409 Conflict); the run is retried at the next renewal");

    private static CertwrightException FromStatus(KubernetesApiException e, string action, string target, string ns)
    {
        var code = (int)e.Status;
        var said = Quote(e.Body);
        var prefix = $"cannot {action} {target}: the Kubernetes API answered {code} {e.ReasonPhrase ?? e.Status.ToString()}{said}";
        return e.Status switch
        {
            HttpStatusCode.Unauthorized => new CertwrightException(ErrorKind.Usage, $"{prefix}; check the kubeconfig user's credentials or the pod's service account token", e),
            HttpStatusCode.Forbidden => new CertwrightException(ErrorKind.Usage, $"{prefix}; grant get, create and update on secrets in namespace {ns} (deploy/kubernetes/role.yaml)", e),
            HttpStatusCode.NotFound => new CertwrightException(ErrorKind.Usage, $"{prefix}; check that namespace {ns} exists", e),
            HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new CertwrightException(ErrorKind.Transport, $"{prefix}; try again later", e),
            _ => new CertwrightException(ErrorKind.Remote, prefix, e),
        };
    }

    /// <summary>The Status object's message, as <c>: "..."</c>, or nothing when the body is not a Status.</summary>
    private static string Quote(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("message", out var message)
                || message.ValueKind != JsonValueKind.String)
            {
                return string.Empty;
            }

            var text = string.Concat(message.GetString()!.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
            return text.Length == 0 ? string.Empty : $": \"{(text.Length > MaxQuotedChars ? text[..MaxQuotedChars] + "..." : text)}\"";
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static string Where(KubernetesSecretOptions options) =>
        options.KubeconfigPath is { } path ? $"the kubeconfig '{path}'" : "the pod's service account (in-cluster configuration)";

    private static string Reason(Exception e) => Certwright.Internal.BoundedFile.Reason(e).ReplaceLineEndings(" ");
}
