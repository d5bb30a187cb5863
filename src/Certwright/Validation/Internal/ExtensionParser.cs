using System.Formats.Asn1;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Decodes the extensions path validation processes. A malformed extension becomes a defect (the
/// certificate is then rejected) rather than an exception, so the rest of the certificate stays usable for diagnostics.
/// </summary>
internal sealed class ExtensionParser
{
    private static readonly HashSet<string> Processed = new(StringComparer.Ordinal)
    {
        Oids.SubjectKeyIdentifier, Oids.KeyUsage, Oids.SubjectAltName, Oids.IssuerAltName, Oids.BasicConstraints,
        Oids.NameConstraints, Oids.CrlDistributionPoints, Oids.CertificatePolicies, Oids.PolicyMappings,
        Oids.AuthorityKeyIdentifier, Oids.PolicyConstraints, Oids.ExtendedKeyUsage, Oids.FreshestCrl,
        Oids.InhibitAnyPolicy, Oids.AuthorityInfoAccess, Oids.SubjectInfoAccess, Oids.TlsFeature,
        Oids.OcspNoCheck, Oids.SctList, Oids.SubjectDirectoryAttributes,
    };

    // RFC 5280: conforming CAs MUST mark these non-critical.
    private static readonly HashSet<string> MustBeNonCritical = new(StringComparer.Ordinal)
    {
        Oids.AuthorityKeyIdentifier, Oids.SubjectKeyIdentifier, Oids.AuthorityInfoAccess, Oids.SubjectInfoAccess,
        Oids.FreshestCrl, Oids.SubjectDirectoryAttributes, Oids.SctList,
    };

    private readonly List<CertificateDefect> _defects;

    public ExtensionParser(List<CertificateDefect> defects)
    {
        _defects = defects;
    }

    public BasicConstraintsValue? BasicConstraints { get; private set; }

    public KeyUsageFlags? KeyUsage { get; private set; }

    public bool KeyUsageCritical { get; private set; }

    public List<string>? ExtendedKeyUsage { get; private set; }

    public bool ExtendedKeyUsageCritical { get; private set; }

    public List<GeneralName>? SubjectAltNames { get; private set; }

    public bool SubjectAltNamesCritical { get; private set; }

    public NameConstraintsValue? NameConstraints { get; private set; }

    public byte[]? SubjectKeyId { get; private set; }

    public AuthorityKeyIdValue? AuthorityKeyId { get; private set; }

    public List<string>? Policies { get; private set; }

    public List<PolicyMappingValue>? PolicyMappings { get; private set; }

    public PolicyConstraintsValue? PolicyConstraints { get; private set; }

    public int? InhibitAnyPolicy { get; private set; }

    public List<string> UnknownCritical { get; } = [];

    public void Parse(IReadOnlyList<CertificateExtension> extensions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var extension in extensions)
        {
            if (!seen.Add(extension.Oid))
            {
                _defects.Add(new(FindingCodes.NonconformingCertificate, $"extension {extension.Oid} appears more than once (RFC 5280 4.2)"));
                continue;
            }

            if (extension.Critical && !Processed.Contains(extension.Oid))
            {
                UnknownCritical.Add(extension.Oid);
            }

            if (extension.Critical && MustBeNonCritical.Contains(extension.Oid))
            {
                _defects.Add(new(FindingCodes.NonconformingCertificate, $"extension {ExtensionNames.Describe(extension.Oid)} is marked critical; RFC 5280 requires it non-critical"));
            }

            try
            {
                var reader = new AsnReader(extension.Value, AsnEncodingRules.DER);
                ParseOne(extension, reader);
                reader.ThrowIfNotEmpty();
            }
            catch (Exception e) when (e is AsnContentException or CertificateFormatException or ArgumentException or OverflowException)
            {
                _defects.Add(new(ExtensionNames.CodeFor(extension.Oid), $"extension {ExtensionNames.Describe(extension.Oid)} is malformed ({e.Message})"));
            }
        }
    }

    private void ParseOne(CertificateExtension extension, AsnReader reader)
    {
        switch (extension.Oid)
        {
            case Oids.BasicConstraints:
                // Record presence first: a malformed value must not read as "no extension".
                BasicConstraints = new BasicConstraintsValue(false, null, extension.Critical);
                var bc = reader.ReadSequence();
                var isCa = bc.HasData && bc.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && bc.ReadBoolean();
                int? pathLength = null;
                if (bc.HasData)
                {
                    pathLength = ReadSmallNonNegative(bc, "pathLenConstraint");
                }

                bc.ThrowIfNotEmpty();
                BasicConstraints = new BasicConstraintsValue(isCa, pathLength, extension.Critical);
                break;
            case Oids.KeyUsage:
                KeyUsageCritical = extension.Critical;
                KeyUsage = KeyUsageFlags.None;
                KeyUsage = ReadKeyUsage(reader);
                break;
            case Oids.ExtendedKeyUsage:
                ExtendedKeyUsageCritical = extension.Critical;
                ExtendedKeyUsage = [];
                ExtendedKeyUsage = ReadOidSequence(reader, "extKeyUsage");
                break;
            case Oids.SubjectAltName:
                SubjectAltNamesCritical = extension.Critical;
                SubjectAltNames = [];
                SubjectAltNames = GeneralNameParser.ReadNames(reader);
                break;
            case Oids.NameConstraints:
                NameConstraints = new NameConstraintsValue([], [], extension.Critical);
                NameConstraints = ReadNameConstraints(reader, extension.Critical);
                break;
            case Oids.SubjectKeyIdentifier:
                SubjectKeyId = reader.ReadOctetString();
                break;
            case Oids.AuthorityKeyIdentifier:
                AuthorityKeyId = ReadAuthorityKeyId(reader);
                break;
            case Oids.CertificatePolicies:
                Policies = [];
                Policies = ReadPolicies(reader);
                break;
            case Oids.PolicyMappings:
                PolicyMappings = [];
                PolicyMappings = ReadPolicyMappings(reader);
                break;
            case Oids.PolicyConstraints:
                PolicyConstraints = ReadPolicyConstraints(reader);
                break;
            case Oids.InhibitAnyPolicy:
                InhibitAnyPolicy = ReadSmallNonNegative(reader, "inhibitAnyPolicy");
                break;
            case Oids.AuthorityInfoAccess:
            case Oids.SubjectInfoAccess:
                ReadAccessDescriptions(reader);
                break;
            case Oids.IssuerAltName:
                GeneralNameParser.ReadNames(reader);
                break;
            default:
                // Recognised but not processed here (CRL DP, SCTs, TLS feature...): the value is skipped.
                reader.ReadEncodedValue();
                break;
        }
    }

    private static KeyUsageFlags ReadKeyUsage(AsnReader reader)
    {
        var bits = reader.ReadBitString(out var unused);
        var flags = 0;
        for (var i = 0; i < bits.Length * 8 - unused && i < 16; i++)
        {
            if ((bits[i / 8] >> (7 - i % 8) & 1) == 1)
            {
                flags |= 1 << i;
            }
        }

        if (flags == 0)
        {
            throw new CertificateFormatException("no key usage bit is set (RFC 5280 4.2.1.3)");
        }

        return (KeyUsageFlags)flags;
    }

    private static List<string> ReadOidSequence(AsnReader reader, string what)
    {
        var sequence = reader.ReadSequence();
        var oids = new List<string>();
        while (sequence.HasData)
        {
            oids.Add(sequence.ReadObjectIdentifier());
        }

        return oids.Count > 0 ? oids : throw new CertificateFormatException($"{what} is an empty SEQUENCE");
    }

    private static NameConstraintsValue ReadNameConstraints(AsnReader reader, bool critical)
    {
        var sequence = reader.ReadSequence();
        var permitted = new List<GeneralName>();
        var excluded = new List<GeneralName>();
        var any = false;
        foreach (var (tagValue, list) in new[] { (0, permitted), (1, excluded) })
        {
            var tag = new Asn1Tag(TagClass.ContextSpecific, tagValue, true);
            if (!sequence.HasData || !sequence.PeekTag().HasSameClassAndValue(tag))
            {
                continue;
            }

            any = true;
            var subtrees = sequence.ReadSequence(tag);
            while (subtrees.HasData)
            {
                var subtree = subtrees.ReadSequence();
                list.Add(GeneralNameParser.Read(subtree));
                if (subtree.HasData)
                {
                    // RFC 5280 4.2.1.10: minimum MUST be zero (so absent in DER) and maximum MUST be absent.
                    throw new CertificateFormatException("a GeneralSubtree carries minimum or maximum");
                }
            }

            if (list.Count == 0)
            {
                throw new CertificateFormatException("a GeneralSubtrees is an empty SEQUENCE");
            }
        }

        sequence.ThrowIfNotEmpty();
        return any ? new NameConstraintsValue(permitted, excluded, critical) : throw new CertificateFormatException("neither permittedSubtrees nor excludedSubtrees is present");
    }

    private static AuthorityKeyIdValue ReadAuthorityKeyId(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        byte[]? keyId = null;
        var hasIssuer = false;
        var hasSerial = false;
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            keyId = sequence.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            sequence.ReadEncodedValue();
            hasIssuer = true;
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
        {
            sequence.ReadIntegerBytes(new Asn1Tag(TagClass.ContextSpecific, 2));
            hasSerial = true;
        }

        sequence.ThrowIfNotEmpty();
        return new AuthorityKeyIdValue(keyId, hasIssuer, hasSerial);
    }

    private static List<string> ReadPolicies(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var policies = new List<string>();
        while (sequence.HasData)
        {
            var information = sequence.ReadSequence();
            var oid = information.ReadObjectIdentifier();
            if (information.HasData)
            {
                information.ReadSequence(); // policyQualifiers: informational only.
            }

            information.ThrowIfNotEmpty();
            if (policies.Contains(oid))
            {
                throw new CertificateFormatException($"policy {oid} appears more than once (RFC 5280 4.2.1.4)");
            }

            policies.Add(oid);
        }

        return policies.Count > 0 ? policies : throw new CertificateFormatException("certificatePolicies is an empty SEQUENCE");
    }

    private static List<PolicyMappingValue> ReadPolicyMappings(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var mappings = new List<PolicyMappingValue>();
        while (sequence.HasData)
        {
            var mapping = sequence.ReadSequence();
            mappings.Add(new PolicyMappingValue(mapping.ReadObjectIdentifier(), mapping.ReadObjectIdentifier()));
            mapping.ThrowIfNotEmpty();
        }

        return mappings.Count > 0 ? mappings : throw new CertificateFormatException("policyMappings is an empty SEQUENCE");
    }

    private static PolicyConstraintsValue ReadPolicyConstraints(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        int? require = null;
        int? inhibit = null;
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            require = ReadSmallNonNegative(sequence, "requireExplicitPolicy", new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            inhibit = ReadSmallNonNegative(sequence, "inhibitPolicyMapping", new Asn1Tag(TagClass.ContextSpecific, 1));
        }

        sequence.ThrowIfNotEmpty();
        return require is null && inhibit is null
            ? throw new CertificateFormatException("policyConstraints is an empty SEQUENCE (RFC 5280 4.2.1.11)")
            : new PolicyConstraintsValue(require, inhibit);
    }

    private static void ReadAccessDescriptions(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var count = 0;
        while (sequence.HasData)
        {
            var description = sequence.ReadSequence();
            description.ReadObjectIdentifier();
            GeneralNameParser.Read(description);
            description.ThrowIfNotEmpty();
            count++;
        }

        if (count == 0)
        {
            throw new CertificateFormatException("the access description list is empty");
        }
    }

    private static int ReadSmallNonNegative(AsnReader reader, string what, Asn1Tag? tag = null)
    {
        var value = reader.ReadInteger(tag);
        if (value.Sign < 0)
        {
            throw new CertificateFormatException($"{what} is negative");
        }

        // Path lengths and skip counts beyond any real path are clamped: they cannot constrain anything.
        return value > 1024 ? 1024 : (int)value;
    }
}
