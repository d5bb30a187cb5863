using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>End-entity rules: purpose (EKU, key usage), CA/B Forum subscriber rules and the host name.</summary>
internal static class LeafChecks
{
    private static readonly string[] ForbiddenWithServerAuth =
        [Oids.CodeSigning, Oids.EmailProtection, Oids.TimeStamping, Oids.OcspSigning, Oids.PrecertificateSigning];

    public static void Check(ParsedCertificate leaf, ValidationContext context, ErrorSink sink)
    {
        var purpose = context.Purpose;
        if (purpose != ValidationPurpose.Any)
        {
            CheckExtendedKeyUsage(leaf, purpose, context.WebPki, sink);
            CheckKeyUsage(leaf, purpose, sink);
        }

        if (purpose == ValidationPurpose.Server)
        {
            if (leaf.SubjectAltNames is null)
            {
                sink.WebPkiError(0, FindingCodes.MissingSan, leaf, "has no subjectAltName; server certificates must carry their names there (CA/B BR 7.1.2.7.12, RFC 6125)");
            }
            else
            {
                CheckCommonName(leaf, sink);
            }

            if (leaf.AssertsCa && leaf.KeyUsage is { } usage && !usage.HasFlag(KeyUsageBits.KeyCertSign))
            {
                sink.WebPkiError(0, FindingCodes.InvalidBasicConstraints, leaf, "asserts cA=TRUE without keyCertSign; a subscriber certificate must have cA=FALSE (CA/B BR 7.1.2.7.8)");
            }
        }

        if (context.Request.ExpectedHost is { } host && HostnameMatcher.Mismatch(leaf, host) is { } mismatch)
        {
            sink.Error(0, FindingCodes.HostnameMismatch, leaf, mismatch);
        }
    }

    private static void CheckExtendedKeyUsage(ParsedCertificate leaf, ValidationPurpose purpose, bool webPki, ErrorSink sink)
    {
        if (leaf.ExtendedKeyUsage is not { } ekus)
        {
            return;
        }

        var required = PurposeRules.Oid(purpose)!;
        var hasAny = ekus.Contains(Oids.AnyExtendedKeyUsage);
        if (!ekus.Contains(required) && !(hasAny && !webPki))
        {
            sink.Error(0, FindingCodes.WrongPurpose, leaf,
                $"its extKeyUsage ({string.Join(", ", ekus.Select(Name))}) does not include {PurposeRules.Describe(purpose)}");
            return;
        }

        if (!webPki || purpose != ValidationPurpose.Server)
        {
            return;
        }

        if (hasAny)
        {
            sink.Error(0, FindingCodes.WrongPurpose, leaf, "its extKeyUsage includes anyExtendedKeyUsage, which the CA/B Forum forbids in server certificates (BR 7.1.2.7.10)");
        }

        var forbidden = ekus.Where(ForbiddenWithServerAuth.Contains).ToList();
        if (forbidden.Count > 0)
        {
            sink.Error(0, FindingCodes.WrongPurpose, leaf, $"its extKeyUsage mixes serverAuth with {string.Join(", ", forbidden.Select(Name))} (CA/B BR 7.1.2.7.10)");
        }

        if (leaf.ExtendedKeyUsageCritical)
        {
            sink.Error(0, FindingCodes.WrongPurpose, leaf, "marks extKeyUsage critical (CA/B BR 7.1.2.7.6 requires non-critical)");
        }
    }

    private static void CheckKeyUsage(ParsedCertificate leaf, ValidationPurpose purpose, ErrorSink sink)
    {
        if (leaf.KeyUsage is not { } usage || (leaf.AssertsCa && usage.HasFlag(KeyUsageBits.KeyCertSign)))
        {
            // No keyUsage, or a CA certificate validated in leaf position (RFC 5280 allows it; the TLS
            // stack, not path validation, decides whether its key may sign a handshake).
            return;
        }

        // TLS uses the key to sign handshakes, or (RSA key exchange, static ECDH) to decrypt or agree keys.
        var allowed = KeyUsageBits.DigitalSignature;
        if (purpose == ValidationPurpose.Server && leaf.PublicKey.Algorithm == KeyAlgorithm.Rsa)
        {
            allowed |= KeyUsageBits.KeyEncipherment;
        }

        if (leaf.PublicKey.Algorithm == KeyAlgorithm.Ec)
        {
            allowed |= KeyUsageBits.KeyAgreement;
        }

        if ((usage & allowed) == 0)
        {
            sink.Error(0, FindingCodes.InvalidKeyUsage, leaf, $"its keyUsage ({usage}) allows no TLS {PurposeRules.Describe(purpose)} use of a {leaf.PublicKey} key (needs {allowed})");
        }
    }

    /// <summary>CA/B BR 7.1.4.3: a common name must copy one of the subjectAltName entries. Many private CAs
    /// break this and clients ignore the common name anyway, so it is a warning.</summary>
    private static void CheckCommonName(ParsedCertificate leaf, ErrorSink sink)
    {
        var sans = leaf.SubjectAltNames!;
        foreach (var cn in leaf.Subject.ValuesOf(Oids.CommonName))
        {
            var copied = sans.Any(n => n.Kind == GeneralNameKind.DnsName && n.Text == cn)
                || (HostnameMatcher.TryParseIpLiteral(cn, out var ip) && ip.ToString() == cn
                    && sans.Any(n => n.Kind == GeneralNameKind.IPAddress && n.Bytes.AsSpan().SequenceEqual(ip.GetAddressBytes())));
            if (!copied)
            {
                sink.Warning(0, FindingCodes.NonconformingCertificate, leaf, $"its common name '{cn}' is not one of its subjectAltName entries (CA/B BR 7.1.4.3)");
            }
        }
    }

    private static string Name(string oid) => OidRegistry.Lookup(oid).Display;
}
