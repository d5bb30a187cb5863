using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Checks of one certificate on its own (RFC 5280 section 4 profile and CA/B Forum rules), applied to
/// every certificate of a path, trust anchor included: the anchor is a certificate the user trusts,
/// not a license to skip its structure or its validity period.
/// </summary>
internal static class CertificateChecks
{
    public static void Check(PathNode node, int depth, bool isLeaf, ValidationContext context, ErrorSink sink)
    {
        var c = node.Certificate;
        var vetted = node.IsAnchor && context.TrustStore.IsVendorVetted;
        foreach (var defect in c.Defects)
        {
            if (defect.AnchorExempt && node.IsAnchor && !isLeaf)
            {
                continue;
            }

            if (defect.WebPkiOnly)
            {
                sink.WebPkiError(depth, defect.Code, c, defect.Message);
            }
            else
            {
                sink.Error(depth, defect.Code, c, defect.Message);
            }
        }

        CheckValidity(c, depth, context, sink);

        foreach (var oid in c.UnknownCriticalExtensions)
        {
            sink.Error(depth, FindingCodes.UnknownCriticalExtension, c, $"unknown critical extension {oid}");
        }

        if (!c.SignatureAlgorithmsMatch)
        {
            sink.Error(depth, FindingCodes.NonconformingCertificate, c, "the signature algorithm inside the certificate differs from the outer one (RFC 5280 4.1.1.2)");
        }

        CheckNames(c, depth, isLeaf, sink);
        KeyStrength.Check(c, depth, context, sink);
        KeyStrength.CheckUsage(c, depth, sink);
        CheckCaConsistency(c, depth, vetted, sink);
        CheckKeyIdentifiers(c, depth, node.IsAnchor, vetted, sink);

        if (isLeaf && c.Version < 3)
        {
            sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, $"is a v{c.Version} certificate; the CA/B Forum requires v3");
        }
    }

    private static void CheckValidity(ParsedCertificate c, int depth, ValidationContext context, ErrorSink sink)
    {
        if (c.NotBefore > c.NotAfter)
        {
            sink.Error(depth, FindingCodes.InvalidValidity, c, $"notBefore {Iso(c.NotBefore)} is after notAfter {Iso(c.NotAfter)}");
        }
        else if (context.Time < c.NotBefore)
        {
            sink.Error(depth, FindingCodes.NotYetValid, c, $"is not valid before {Iso(c.NotBefore)} (checked at {Iso(context.Time)})");
        }
        else if (context.Time > c.NotAfter)
        {
            sink.Error(depth, FindingCodes.Expired, c, $"expired at {Iso(c.NotAfter)} (checked at {Iso(context.Time)})");
        }
    }

    private static void CheckNames(ParsedCertificate c, int depth, bool isLeaf, ErrorSink sink)
    {
        if (c.Issuer.IsEmpty)
        {
            sink.Error(depth, FindingCodes.NonconformingCertificate, c, "has an empty issuer name (RFC 5280 4.1.2.4)");
        }

        if (c.Subject.IsEmpty)
        {
            if (c.AssertsCa || !isLeaf)
            {
                sink.Error(depth, FindingCodes.NonconformingCertificate, c, "is a CA certificate with an empty subject (RFC 5280 4.1.2.6)");
            }

            if (c.SubjectAltNames is null || !c.SubjectAltNamesCritical)
            {
                sink.Error(depth, FindingCodes.NonconformingCertificate, c, "has an empty subject but no critical subjectAltName (RFC 5280 4.2.1.6)");
            }
        }
        else if (isLeaf && c.SubjectAltNames is not null && c.SubjectAltNamesCritical)
        {
            sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, "marks subjectAltName critical although the subject is not empty (CA/B BR 7.1.2.7.12)");
        }

        foreach (var name in c.SubjectAltNames ?? [])
        {
            if (name.Kind == GeneralNameKind.IPAddress && name.Bytes.Length is not 4 and not 16)
            {
                sink.Error(depth, FindingCodes.NonconformingCertificate, c, $"has an iPAddress subjectAltName of {name.Bytes.Length} octets (must be 4 or 16)");
            }
        }
    }

    private static void CheckCaConsistency(ParsedCertificate c, int depth, bool vetted, ErrorSink sink)
    {
        if (c.KeyUsage is { } usage && usage.HasFlag(KeyUsageBits.KeyCertSign) && !c.AssertsCa)
        {
            sink.Error(depth, FindingCodes.InvalidKeyUsage, c, "asserts keyCertSign without basicConstraints cA=TRUE (RFC 5280 4.2.1.3)");
        }

        if (c.BasicConstraints is { IsCertificateAuthority: false, PathLengthConstraint: not null })
        {
            sink.Error(depth, FindingCodes.InvalidBasicConstraints, c, "has a pathLenConstraint but cA=FALSE (RFC 5280 4.2.1.9)");
        }

        if (c.BasicConstraints is { IsCertificateAuthority: true, IsCritical: false } && !vetted)
        {
            // NIST PKITS 4.6.4 expects plain RFC 5280 validation to accept this; the Web PKI profile does not.
            sink.WebPkiError(depth, FindingCodes.InvalidBasicConstraints, c, "is a CA certificate whose basicConstraints is not critical (RFC 5280 4.2.1.9)");
        }

        if (c.NameConstraints is { } constraints)
        {
            if (!c.AssertsCa)
            {
                sink.Error(depth, FindingCodes.NameConstraintViolation, c, "carries nameConstraints but is not a CA certificate (RFC 5280 4.2.1.10)");
            }
            else if (!constraints.Critical)
            {
                // The CA/B Forum allows a non-critical nameConstraints for legacy clients; RFC 5280 does not.
                const string Problem = "marks nameConstraints non-critical (RFC 5280 4.2.1.10 requires critical; the CA/B Forum allows it)";
                if (sink.WebPki)
                {
                    sink.Warning(depth, FindingCodes.NameConstraintViolation, c, Problem);
                }
                else
                {
                    sink.Error(depth, FindingCodes.NameConstraintViolation, c, Problem);
                }
            }
        }

        if (c.PolicyConstraints is not null && !c.IsCritical(Oids.PolicyConstraints))
        {
            sink.Error(depth, FindingCodes.PolicyViolation, c, "marks policyConstraints non-critical (RFC 5280 4.2.1.11 requires critical)");
        }

        if (c.InhibitAnyPolicy is not null && !c.IsCritical(Oids.InhibitAnyPolicy))
        {
            sink.Error(depth, FindingCodes.PolicyViolation, c, "marks inhibitAnyPolicy non-critical (RFC 5280 4.2.1.14 requires critical)");
        }
    }

    private static void CheckKeyIdentifiers(ParsedCertificate c, int depth, bool isAnchor, bool vetted, ErrorSink sink)
    {
        if (vetted)
        {
            return;
        }

        if (c.AssertsCa && c.SubjectKeyId is null)
        {
            sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, "is a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)");
        }

        if (!c.IsSelfIssued && c.AuthorityKeyId?.KeyId is null && c.Version == 3)
        {
            sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, "has no authorityKeyIdentifier keyIdentifier (RFC 5280 4.2.1.1)");
        }

        if (isAnchor && c.IsSelfIssued && c.AuthorityKeyId is { } aki)
        {
            if (aki.KeyId is null || aki.HasIssuer || aki.HasSerial)
            {
                sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, "is a self-issued root with an authorityKeyIdentifier that lacks keyIdentifier or carries issuer/serial (CA/B BR 7.1.2.1.3)");
            }
            else if (c.SubjectKeyId is not null && c.AssertsCa && IsSelfSignedByKeyId(c) is false)
            {
                sink.WebPkiError(depth, FindingCodes.NonconformingCertificate, c, "is a self-issued root whose authorityKeyIdentifier differs from its subjectKeyIdentifier");
            }
        }
    }

    private static bool? IsSelfSignedByKeyId(ParsedCertificate c) =>
        c.AuthorityKeyId?.KeyId is { } keyId && c.SubjectKeyId is { } ski ? keyId.AsSpan().SequenceEqual(ski) : null;

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
