using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Certwright.Internal;
using YamlDotNet.RepresentationModel;

namespace Certwright.Renewal.Deploy.Kubernetes;

/// <summary>
/// Reads the parts of a kubeconfig file a deployment needs: the context's cluster (server, certificate-authority[-data],
/// insecure-skip-tls-verify, tls-server-name) and user (token, tokenFile, client-certificate[-data] and client-key[-data],
/// username/password). Relative paths are taken from the file's directory, as kubectl does. Exec and auth-provider
/// plugins are not run: use a token (e.g. <c>kubectl create token</c>) or a client certificate.
/// </summary>
internal static class KubeconfigReader
{
    public const int MaxFileBytes = 4 * 1024 * 1024;

    public static async Task<KubernetesEndpoint> ReadAsync(string path, string? contextName, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}' does not exist; check the path");
        }

        var text = Encoding.UTF8.GetString(await BoundedFile.ReadAllBytesAsync(full, MaxFileBytes, "kubeconfig", cancellationToken));
        var root = Parse(text, path);
        var baseDirectory = Path.GetDirectoryName(full)!;
        var name = contextName ?? Scalar(root, "current-context")
            ?? throw Error(path, "names no current-context", "give the context to use");
        var context = Named(root, "contexts", name, "context", path);
        var clusterName = Scalar(context, "cluster") ?? throw Error(path, $"context '{name}' names no cluster", "add its cluster");
        var cluster = Named(root, "clusters", clusterName, "cluster", path);
        var userName = Scalar(context, "user");
        var user = userName is null ? null : Named(root, "users", userName, "user", path);

        var server = Scalar(cluster, "server") ?? throw Error(path, $"cluster '{clusterName}' has no server", "add its https:// URL");
        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Error(path, $"cluster '{clusterName}' server '{server}' is not an http(s) URL", "fix the server");
        }

        var clientCertificate = user is null ? null : await ClientCertificateAsync(user, baseDirectory, path, cancellationToken);
        return new KubernetesEndpoint
        {
            Server = uri,
            CertificateAuthorities = await CertificateAuthoritiesAsync(cluster, baseDirectory, path, cancellationToken),
            SkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") is "true",
            TlsServerName = Scalar(cluster, "tls-server-name"),
            Authorization = user is null ? null : await AuthorizationAsync(user, userName!, baseDirectory, path, cancellationToken),
            ClientCertificate = clientCertificate,
        };
    }

    private static YamlMappingNode Parse(string text, string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                ? root
                : throw Error(path, "is not a YAML mapping", "give a kubeconfig file");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}' is not valid YAML (line {e.Start.Line}): {BoundedFile.Reason(e)}; fix the file", e);
        }
    }

    private static async Task<X509Certificate2Collection?> CertificateAuthoritiesAsync(YamlMappingNode cluster, string baseDirectory, string path, CancellationToken cancellationToken)
    {
        var pem = await DataOrFileAsync(cluster, "certificate-authority", baseDirectory, path, cancellationToken);
        if (pem is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}': the certificate-authority is not PEM certificates: {BoundedFile.Reason(e)}; fix it", e);
        }

        return authorities.Count > 0 ? authorities : throw Error(path, "has a certificate-authority without certificates", "fix it");
    }

    private static async Task<X509Certificate2?> ClientCertificateAsync(YamlMappingNode user, string baseDirectory, string path, CancellationToken cancellationToken)
    {
        var certificate = await DataOrFileAsync(user, "client-certificate", baseDirectory, path, cancellationToken);
        var key = await DataOrFileAsync(user, "client-key", baseDirectory, path, cancellationToken);
        if (certificate is null || key is null)
        {
            return certificate is null && key is null ? null : throw Error(path, "has a client certificate without its key (or a key without its certificate)", "give both");
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}': the client certificate and key cannot be read: {BoundedFile.Reason(e)}; fix them", e);
        }
    }

    private static async Task<AuthenticationHeaderValue?> AuthorizationAsync(YamlMappingNode user, string userName, string baseDirectory, string path, CancellationToken cancellationToken)
    {
        if (user.Children.ContainsKey("exec") || user.Children.ContainsKey("auth-provider"))
        {
            throw Error(path, $"user '{userName}' gets its credentials from a plugin, which Certwright does not run", "give a token (kubectl create token) or a client certificate instead");
        }

        if (Scalar(user, "token") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (Scalar(user, "tokenFile") is { Length: > 0 } tokenFile)
        {
            var bytes = await BoundedFile.ReadAllBytesAsync(Path.Combine(baseDirectory, tokenFile), 64 * 1024, "kubeconfig token file", cancellationToken);
            return new AuthenticationHeaderValue("Bearer", Encoding.UTF8.GetString(bytes).Trim());
        }

        if (Scalar(user, "username") is { } username && Scalar(user, "password") is { } password)
        {
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return null;
    }

    /// <summary>The PEM text of KEY-data (base64) or of the file KEY names, or null.</summary>
    private static async Task<string?> DataOrFileAsync(YamlMappingNode node, string key, string baseDirectory, string path, CancellationToken cancellationToken)
    {
        if (Scalar(node, key + "-data") is { } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException e)
            {
                throw new CertwrightException(ErrorKind.Usage, $"kubeconfig '{path}': {key}-data is not base64; fix it", e);
            }
        }

        return Scalar(node, key) is { } file
            ? Encoding.UTF8.GetString(await BoundedFile.ReadAllBytesAsync(Path.Combine(baseDirectory, file), MaxFileBytes, $"kubeconfig {key}", cancellationToken))
            : null;
    }

    /// <summary>The <paramref name="inner"/> mapping of the entry called <paramref name="name"/> in the list <paramref name="list"/>.</summary>
    private static YamlMappingNode Named(YamlMappingNode root, string list, string name, string inner, string path)
    {
        if (root.Children.TryGetValue(list, out var entries) && entries is YamlSequenceNode sequence)
        {
            foreach (var entry in sequence.OfType<YamlMappingNode>())
            {
                if (Scalar(entry, "name") == name && entry.Children.TryGetValue(inner, out var value) && value is YamlMappingNode mapping)
                {
                    return mapping;
                }
            }
        }

        throw Error(path, $"has no {inner} '{name}' in {list}", "check the name");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text } ? text : null;

    private static CertwrightException Error(string path, string problem, string fix) => new(ErrorKind.Usage, $"kubeconfig '{path}' {problem}; {fix}");
}
