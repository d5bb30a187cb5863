using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads PKCS#12 (.pfx/.p12, Java PKCS#12 keystores). The platform loader, with
/// <see cref="Pkcs12LoaderLimits"/>, is the gate: it verifies the MAC, bounds KDF iteration counts and
/// entry counts so a hostile file cannot burn CPU or memory, and finds the password among the
/// candidates. Private keys are never decrypted (<see cref="Pkcs12LoaderLimits.IgnorePrivateKeys"/>);
/// whether a certificate has a key, and its alias, come from the bag attributes (localKeyId,
/// friendlyName) read afterwards with the password the loader accepted.
/// </summary>
internal static class Pkcs12Reader
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string LocalKeyIdOid = "1.2.840.113549.1.9.21";

    private static readonly Pkcs12LoaderLimits Limits = new()
    {
        IgnorePrivateKeys = true,
        MaxCertificates = 10_000,
        MaxKeys = 10_000,
    };

    public static void Read(ReadOnlyMemory<byte> data, PasswordSource passwords, ContainerResultBuilder result)
    {
        Pkcs12Info info;
        try
        {
            info = Pkcs12Info.Decode(data, out _, skipCopy: true);
        }
        catch (CryptographicException e)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 structure is malformed: {e.Message}");
            return;
        }

        X509Certificate2Collection? certificates = null;
        string? password = null;
        string? lastError = null;
        foreach (var candidate in passwords.Candidates)
        {
            try
            {
                certificates = X509CertificateLoader.LoadPkcs12Collection(data.Span, candidate, X509KeyStorageFlags.EphemeralKeySet, Limits);
                password = candidate;
                break;
            }
            catch (Pkcs12LoadLimitExceededException e)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 file exceeds the safety limits ({e.Message}); it was not read");
                return;
            }
            catch (CryptographicException e)
            {
                lastError = e.Message;
            }
        }

        if (certificates is null)
        {
            ReportNoPassword(info, data.Span, passwords, lastError, result);
            return;
        }

        try
        {
            // Bag order is file order; the bags also say which certificate has a key, and its alias.
            var bags = ReadBagsOrReport(info, password!, result);
            var index = 0;
            foreach (var (der, alias, hasKey) in bags?.Certificates ?? certificates.Select(c => (c.RawData, (string?)null, false)))
            {
                index++;
                if (!result.TryAdd(der, out var error, alias, hasKey))
                {
                    result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 certificate {index}: {error}");
                }
            }

            result.ContainsPrivateKey = bags?.AnyKey ?? false;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static void ReportNoPassword(Pkcs12Info info, ReadOnlySpan<byte> data, PasswordSource passwords, string? lastError, ContainerResultBuilder result)
    {
        // Does some candidate fit the MAC? Then the password is right and the content is damaged.
        if (info.IntegrityMode == Pkcs12IntegrityMode.Password
            && MacIterations(data) <= Limits.MacIterationLimit
            && passwords.Candidates.Any(p => MacFits(info, p)))
        {
            result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 content does not decrypt with the password that fits its MAC: {lastError}");
            return;
        }

        var hint = passwords.HasConfiguredPasswords
            ? "none of the configured passwords (nor the empty password or 'changeit') opens it"
            : "it needs a password; give it with --password-file or CERTWRIGHT_KEYSTORE_PASSWORD";
        result.Problem(FindingCodes.WrongPassword, $"cannot open PKCS#12 file: {hint}");

        // Certificates stored without encryption are readable anyway (their integrity is unverified).
        try
        {
            foreach (var contents in info.AuthenticatedSafe.Where(c => c.ConfidentialityMode == Pkcs12ConfidentialityMode.None))
            {
                foreach (var bag in contents.GetBags())
                {
                    if (bag is Pkcs12CertBag { IsX509Certificate: true } certBag
                        && !result.TryAdd(CertificateBytes(certBag), out var error, FriendlyName(bag)))
                    {
                        result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 certificate {result.CertificateCount + 1}: {error}");
                    }
                }
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 unencrypted content is malformed: {e.Message}");
        }
    }

    private static BagSummary? ReadBagsOrReport(Pkcs12Info info, string password, ContainerResultBuilder result)
    {
        try
        {
            return ReadBags(info, password);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"PKCS#12 bag attributes are unreadable, so aliases and key pairing are unknown: {e.Message}", Severity.Info);
            return null;
        }
    }

    /// <summary>Alias and key presence per certificate DER, from the bags' friendlyName and localKeyId.</summary>
    private static BagSummary ReadBags(Pkcs12Info info, string password)
    {
        var certificates = new List<(byte[] Der, string? Alias, byte[]? KeyId)>();
        var keyIds = new HashSet<byte[]>(ByteSpanComparer.Instance);
        var anyKey = false;
        foreach (var contents in info.AuthenticatedSafe)
        {
            if (contents.ConfidentialityMode == Pkcs12ConfidentialityMode.Password)
            {
                try
                {
                    contents.Decrypt(password);
                }
                catch (CryptographicException) when (password.Length == 0)
                {
                    // The empty password has two encodings (with and without the NUL); the loader tries both.
                    contents.Decrypt((string?)null);
                }
            }
            else if (contents.ConfidentialityMode != Pkcs12ConfidentialityMode.None)
            {
                continue;
            }

            foreach (var bag in contents.GetBags())
            {
                switch (bag)
                {
                    case Pkcs12CertBag { IsX509Certificate: true } certBag:
                        certificates.Add((CertificateBytes(certBag), FriendlyName(bag), LocalKeyId(bag)));
                        break;
                    case Pkcs12ShroudedKeyBag or Pkcs12KeyBag:
                        anyKey = true;
                        if (LocalKeyId(bag) is { } id)
                        {
                            keyIds.Add(id);
                        }

                        break;
                }
            }
        }

        return new BagSummary([.. certificates.Select(c => (c.Der, c.Alias, c.KeyId is not null && keyIds.Contains(c.KeyId)))], anyKey);
    }

    private static bool MacFits(Pkcs12Info info, string password)
    {
        try
        {
            return info.VerifyMac(password) || (password.Length == 0 && info.VerifyMac(null));
        }
        catch (CryptographicException)
        {
            // An unknown MAC algorithm: no password can be shown to fit.
            return false;
        }
    }

    /// <summary>MacData.iterations, read before computing a MAC (a hostile count would burn CPU).</summary>
    private static long MacIterations(ReadOnlySpan<byte> data)
    {
        try
        {
            var outer = new DerReader(data);
            var pfx = outer.ReadSequence();
            pfx.ReadInt32();
            pfx.ReadSequence();
            var macData = pfx.ReadSequence();
            macData.ReadSequence();
            macData.ReadOctetString();
            return macData.HasData ? macData.ReadInt32() : 1;
        }
        catch (AsnContentException)
        {
            return long.MaxValue;
        }
    }

    private sealed record BagSummary(List<(byte[] Der, string? Alias, bool HasKey)> Certificates, bool AnyKey);

    /// <summary>The certificate DER: a CertBag's certValue is an OCTET STRING around it.</summary>
    private static byte[] CertificateBytes(Pkcs12CertBag bag)
    {
        var reader = new DerReader(bag.EncodedCertificate.Span);
        return reader.ReadOctetString().ToArray();
    }

    private static string? FriendlyName(Pkcs12SafeBag bag)
    {
        var value = AttributeValue(bag, FriendlyNameOid);
        if (value is null)
        {
            return null;
        }

        var reader = new DerReader(value);
        reader.ReadEncoded(out var tag, out var contents);
        return AsnText.IsStringType(tag) ? AsnText.Decode(tag, contents) : null;
    }

    private static byte[]? LocalKeyId(Pkcs12SafeBag bag)
    {
        var value = AttributeValue(bag, LocalKeyIdOid);
        if (value is null)
        {
            return null;
        }

        var reader = new DerReader(value);
        return reader.ReadOctetString().ToArray();
    }

    private static byte[]? AttributeValue(Pkcs12SafeBag bag, string oid)
    {
        foreach (var attribute in bag.Attributes)
        {
            if (attribute.Oid.Value == oid && attribute.Values.Count > 0)
            {
                return attribute.Values[0].RawData;
            }
        }

        return null;
    }
}
