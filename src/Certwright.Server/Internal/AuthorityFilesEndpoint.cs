using Certwright.Authority;
using Microsoft.AspNetCore.Http;

namespace Certwright.Server.Internal;

/// <summary>
/// <c>GET /ca/{name}.crt</c> (DER of the issuing CA certificate, for AIA caIssuers) and <c>GET /crl/{name}.crl</c> (the DER CRL
/// the CRL publisher wrote to DATA/crl/{name}.crl; 404 until it has).
/// </summary>
internal sealed class AuthorityFilesEndpoint(IReadOnlyList<AuthorityRecord> authorities, string? crlDirectory)
{
    /// <summary>Largest CRL file served (a CRL of a million entries is about 40 MB).</summary>
    private const long MaxCrlBytes = 256L * 1024 * 1024;

    private readonly Dictionary<string, byte[]> _certificates = authorities.ToDictionary(a => a.Name, a => a.IssuingCertificate, StringComparer.Ordinal);
    private readonly HashSet<string> _names = [.. authorities.Select(a => a.Name)];

    public async Task GetAsync(HttpContext context, string path)
    {
        if (Name(path, "/ca/", ".crt") is { } ca && _certificates.TryGetValue(ca, out var certificate))
        {
            // RFC 5280 §4.2.2.1: a single DER certificate is served as application/pkix-cert.
            await WriteAsync(context, "application/pkix-cert", certificate);
            return;
        }

        if (crlDirectory is not null && Name(path, "/crl/", ".crl") is { } crl && _names.Contains(crl))
        {
            var file = new FileInfo(Path.Combine(crlDirectory, crl + ".crl"));
            if (file.Exists && file.Length <= MaxCrlBytes)
            {
                byte[] der;
                try
                {
                    der = await File.ReadAllBytesAsync(file.FullName, context.RequestAborted);
                }
                catch (FileNotFoundException)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.Headers.LastModified = file.LastWriteTimeUtc.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, "application/pkix-crl", der);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>The CA name in <c>{prefix}{name}{suffix}</c>, or null; names are [a-z0-9-], so no path tricks pass.</summary>
    private static string? Name(string path, string prefix, string suffix)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal) || path.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }

        var name = path[prefix.Length..^suffix.Length];
        return name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? name : null;
    }

    private static async Task WriteAsync(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
