using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client;

public sealed partial class AcmeClient
{
    /// <summary>Places an order for <paramref name="identifiers"/>; <paramref name="replaces"/> is the ARI certID of the certificate it renews, if known.</summary>
    public async Task<AcmeOrderResult> NewOrderAsync(IReadOnlyList<AcmeIdentifier> identifiers, string? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var directory = await GetDirectoryAsync(cancellationToken);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new AcmeOrder { Identifiers = identifiers, Replaces = replaces }, AcmeJsonContext.Default.AcmeOrder);
        var response = await PostAsync(directory.NewOrder, payload, cancellationToken);
        var result = new AcmeOrderResult(response.RequireLocation(), response.Read(AcmeJsonContext.Default.AcmeOrder));
        AcmeLog.OrderPlaced(Logger, result.Url, string.Join(", ", identifiers.Select(i => i.Value)));
        return result;
    }

    public async Task<AcmeOrder> GetOrderAsync(Uri orderUrl, CancellationToken cancellationToken) =>
        (await PostAsGetAsync(orderUrl, cancellationToken)).Read(AcmeJsonContext.Default.AcmeOrder);

    public async Task<AcmeAuthorization> GetAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken) =>
        (await PostAsGetAsync(authorizationUrl, cancellationToken)).Read(AcmeJsonContext.Default.AcmeAuthorization);

    /// <summary>Tells the server the challenge is ready to be validated (payload <c>{}</c>).</summary>
    public async Task<AcmeChallenge> RespondToChallengeAsync(Uri challengeUrl, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(AcmeEmptyObject.Instance, AcmeJsonContext.Default.AcmeEmptyObject);
        return (await PostAsync(challengeUrl, payload, cancellationToken)).Read(AcmeJsonContext.Default.AcmeChallenge);
    }

    /// <summary>Polls an authorization until it is no longer pending, honouring Retry-After.</summary>
    public Task<AcmeAuthorization> WaitForAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken) =>
        PollAsync(authorizationUrl, AcmeJsonContext.Default.AcmeAuthorization, a => a.Status != AcmeStatus.Pending, a => a.Status, cancellationToken);

    /// <summary>Sends the CSR (DER) to the order's finalize URL and polls until the order is valid or invalid.</summary>
    public async Task<AcmeOrder> FinalizeAsync(AcmeOrderResult order, byte[] csrDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(csrDer);
        var finalize = order.Order.Finalize ?? throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME order {order.Url} has no finalize URL");
        var payload = JsonSerializer.SerializeToUtf8Bytes(new AcmeFinalize { Csr = Base64Url.EncodeToString(csrDer) }, AcmeJsonContext.Default.AcmeFinalize);
        var updated = (await PostAsync(finalize, payload, cancellationToken)).Read(AcmeJsonContext.Default.AcmeOrder);
        return updated.Status is AcmeStatus.Valid or AcmeStatus.Invalid
            ? updated
            : await PollAsync(order.Url, AcmeJsonContext.Default.AcmeOrder, o => o.Status is AcmeStatus.Valid or AcmeStatus.Invalid, o => o.Status, cancellationToken);
    }

    /// <summary>Polls an order until it leaves pending/processing (ready, valid or invalid).</summary>
    public Task<AcmeOrder> WaitForOrderAsync(Uri orderUrl, CancellationToken cancellationToken) =>
        PollAsync(orderUrl, AcmeJsonContext.Default.AcmeOrder, o => o.Status is not (AcmeStatus.Pending or AcmeStatus.Processing), o => o.Status, cancellationToken);

    /// <summary>Downloads a PEM certificate chain (leaf first) and the URLs of its alternate chains.</summary>
    public async Task<AcmeCertificateChain> DownloadCertificateAsync(Uri certificateUrl, CancellationToken cancellationToken)
    {
        var response = await PostAsGetAsync(certificateUrl, cancellationToken);
        var certificates = ReadPemChain(Encoding.ASCII.GetString(response.Body), certificateUrl);
        return new AcmeCertificateChain(certificates, [.. response.LinksWithRel("alternate")]);
    }

    /// <summary>The default chain followed by every alternate chain the server links.</summary>
    public async Task<IReadOnlyList<AcmeCertificateChain>> DownloadAllChainsAsync(Uri certificateUrl, CancellationToken cancellationToken)
    {
        var first = await DownloadCertificateAsync(certificateUrl, cancellationToken);
        var chains = new List<AcmeCertificateChain> { first };
        foreach (var alternate in first.Alternates.Take(8))
        {
            chains.Add(await DownloadCertificateAsync(alternate, cancellationToken));
        }

        return chains;
    }

    /// <summary>Revokes a certificate, signed by the account key (the account must have ordered it or hold authorizations for its names).</summary>
    public async Task RevokeAsync(byte[] certificateDer, int? reason, CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(cancellationToken);
        await PostAsync(RevokeUrl(directory), RevocationPayload(certificateDer, reason), cancellationToken);
    }

    /// <summary>Revokes a certificate with a request signed by the certificate's own key (jwk in the header, no account needed).</summary>
    public async Task RevokeWithCertificateKeyAsync(byte[] certificateDer, AcmeAccountKey certificateKey, int? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateKey);
        var directory = await GetDirectoryAsync(cancellationToken);
        var url = RevokeUrl(directory);
        var payload = RevocationPayload(certificateDer, reason);
        await _http.PostAsync(url, directory.NewNonce, nonce => JwsSigner.Sign(certificateKey, payload, url, nonce, kid: null), cancellationToken);
    }

    private Uri RevokeUrl(AcmeDirectory directory) =>
        directory.RevokeCert ?? throw new CertwrightException(ErrorKind.Remote, $"ACME server {Options.DirectoryUrl} does not offer revocation (no revokeCert in its directory)");

    private static byte[] RevocationPayload(byte[] certificateDer, int? reason)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        return JsonSerializer.SerializeToUtf8Bytes(new AcmeRevocation { Certificate = Base64Url.EncodeToString(certificateDer), Reason = reason }, AcmeJsonContext.Default.AcmeRevocation);
    }

    private async Task<T> PollAsync<T>(
        Uri url, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Func<T, bool> done, Func<T, string?> status, CancellationToken cancellationToken)
    {
        var time = _http.Time;
        var started = time.GetTimestamp();
        while (true)
        {
            var response = await PostAsGetAsync(url, cancellationToken);
            var value = response.Read(type);
            if (done(value))
            {
                return value;
            }

            if (time.GetElapsedTime(started) >= Options.PollTimeout)
            {
                throw new CertwrightException(
                    ErrorKind.Transport, $"ACME server still reports {url} as '{status(value)}' after {Options.PollTimeout.TotalSeconds:0} s; try again later");
            }

            var delay = response.RetryAfter is { } after ? after.At - time.GetUtcNow() : Options.PollInterval;
            delay = TimeSpan.FromTicks(Math.Clamp(delay.Ticks, TimeSpan.FromMilliseconds(50).Ticks, Options.MaxRetryDelay.Ticks));
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private static List<byte[]> ReadPemChain(string pem, Uri source)
    {
        var certificates = new List<byte[]>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
            }

            rest = rest[fields.Location.End..];
        }

        return certificates.Count > 0
            ? certificates
            : throw new AcmeProtocolException(AcmeProblemTypes.Malformed, $"ACME server sent no PEM certificate at {source}");
    }
}
