using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Certwright.Authority;
using AcmeStatus = Certwright.Acme.Protocol.AcmeStatus;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// finalize (RFC 8555 §7.4): a ready order's CSR is verified (signature, key type) and must name exactly the order's
/// identifiers; the certificate is issued synchronously through the CA's <see cref="CertificateIssuer"/> (so the order is
/// valid in the answer) and served as a PEM chain (§7.4.2).
/// </summary>
internal sealed class AcmeFinalizer(AcmeServices services, AcmeOrderHandler orders)
{
    public async Task<AcmeResponse> FinalizeAsync(AcmeCall call, AcmeSigned signed, string orderId, CancellationToken cancellationToken)
    {
        byte[] csr;
        using (var payload = signed.PayloadJson())
        {
            csr = payload.RootElement.TryGetProperty("csr", out var value) && value.ValueKind == JsonValueKind.String
                ? Base64UrlText.TryDecode(value.GetString()!) ?? throw AcmeProblemException.Malformed("'csr' is not base64url")
                : throw AcmeProblemException.Malformed("finalize needs 'csr': the base64url DER of a PKCS#10 request");
        }

        using var held = await services.LockOrderAsync(orderId, cancellationToken);
        var order = await orders.FindOwnedAsync(call, signed, orderId, cancellationToken);
        if (order.Status != AcmeStatus.Ready)
        {
            throw AcmeProblemException.Of("orderNotReady", $"the order is {order.Status}, not ready; finalize after every authorization is valid", 403);
        }

        var verified = Verify(csr, order);
        IssuanceResult issued;
        try
        {
            issued = await call.Ca.Issuer.IssueAsync(new IssuanceRequest(call.Ca.Profile) { Csr = csr, CsrSource = $"of order {orderId}" }, cancellationToken);
        }
        catch (CertwrightException e) when (e.Kind == ErrorKind.Usage)
        {
            // Profile (key type) and name-constraint refusals are about the request; nothing was signed.
            throw AcmeProblemException.BadCsr(e.Message);
        }

        order = order with { Status = AcmeStatus.Valid, CertificateSha256 = issued.Certificate.Sha256 };
        await services.Store.SaveOrderAsync(order, cancellationToken);
        AcmeServerLog.Issued(services.Logger, call.Ca.Name, orderId, SerialNumbers.ToHex(issued.Certificate.Serial), string.Join(",", verified));
        return AcmeResponses.Ok(AcmeJson.Order(order, call.Urls), 200, call.Urls.Order(orderId));
    }

    public async Task<AcmeResponse> CertificateAsync(AcmeCall call, AcmeSigned signed, string orderId, CancellationToken cancellationToken)
    {
        AcmeOrderHandler.RequirePostAsGet(signed);
        var order = await orders.FindOwnedAsync(call, signed, orderId, cancellationToken);
        var issued = order.CertificateSha256 is { } sha256
            ? (await services.Ledger.FindIssuedAsync(sha256, cancellationToken)).FirstOrDefault(c => c.Authority == call.Ca.Name)
            : null;
        if (issued is null)
        {
            throw AcmeProblemException.NotFound($"order '{orderId}' has no certificate");
        }

        var pem = PemEncoding.WriteString("CERTIFICATE", issued.Der) + "\n" + call.Ca.ChainPem;
        return new AcmeResponse(200, AcmeResponses.PemChain, Encoding.ASCII.GetBytes(pem));
    }

    /// <summary>The CSR's DNS names (SANs and a CN), which must be the order's identifiers, no more and no fewer.</summary>
    private static IReadOnlyList<string> Verify(byte[] csr, AcmeOrder order)
    {
        VerifiedCsr verified;
        try
        {
            verified = CsrReader.Read(csr, $"of order {order.Id}");
        }
        catch (CertwrightException e)
        {
            throw AcmeProblemException.BadCsr(e.Message);
        }

        if (verified.SubjectAltNames.FirstOrDefault(s => s.Type != SubjectAltNameType.Dns) is { } other)
        {
            throw AcmeProblemException.BadCsr($"the CSR asks for {other}, which is not a DNS name of the order");
        }

        var names = new SortedSet<string>(verified.SubjectAltNames.Select(s => s.Value), StringComparer.Ordinal);
        if (verified.CommonName is { Length: > 0 } commonName)
        {
            names.Add(commonName.TrimEnd('.').ToLowerInvariant());
        }

        var ordered = new SortedSet<string>(order.Identifiers, StringComparer.Ordinal);
        if (!names.SetEquals(ordered))
        {
            throw AcmeProblemException.BadCsr($"the CSR names {Describe(names)} but the order is for {Describe(ordered)}; make a CSR for exactly the order's names");
        }

        return [.. names];
    }

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.Take(5).ToList();
        return list.Count == 0 ? "no DNS name" : string.Join(", ", list) + (names.Count() > 5 ? ", ..." : "");
    }
}
