using Microsoft.AspNetCore.Http;

namespace Certwright.Server.Internal;

/// <summary>The one terminal middleware: dispatches on method and path; unknown paths get 404, wrong methods 405.</summary>
internal sealed class RequestDispatcher(CertwrightServerOptions options)
{
    private const string OcspPrefix = "/ocsp/";
    private const string HealthPath = "/healthz";
    private readonly OcspEndpoint? _ocsp = options.Ocsp is null ? null : new OcspEndpoint(options.Ocsp, options.TimeProvider);
    private readonly AuthorityFilesEndpoint _files = new(options.Authorities, options.CrlDirectory);
    private readonly AcmeEndpoint? _acme = options.Acme is null ? null : new AcmeEndpoint(options.Acme);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (_ocsp is not null && (path == "/ocsp" || path.StartsWith(OcspPrefix, StringComparison.Ordinal)))
        {
            if (HttpMethods.IsPost(method))
            {
                return _ocsp.PostAsync(context);
            }

            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                return _ocsp.GetAsync(context, OcspPrefix.Length);
            }

            return MethodNotAllowed(context, "GET, POST");
        }

        if (path.StartsWith("/ca/", StringComparison.Ordinal) || path.StartsWith("/crl/", StringComparison.Ordinal))
        {
            return HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
                ? _files.GetAsync(context, path)
                : MethodNotAllowed(context, "GET");
        }

        if (_acme is not null && path.StartsWith(Certwright.Acme.Server.AcmeServerConstants.PathPrefix, StringComparison.Ordinal))
        {
            return _acme.InvokeAsync(context);
        }

        if (path == HealthPath)
        {
            return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? HealthyAsync(context) : MethodNotAllowed(context, "GET");
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Liveness and readiness for probes (Kubernetes): the host is up and dispatching requests.</summary>
    private static Task HealthyAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("ok\n");
    }

    private static Task MethodNotAllowed(HttpContext context, string allowed)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allowed;
        return Task.CompletedTask;
    }
}
