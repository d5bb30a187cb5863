using System.Net;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Certwright.Authority;

/// <summary>
/// The DNS, IP, email and URI name constraints of one CA certificate (RFC 5280 §4.2.1.10), checked before signing so a
/// request outside them is refused with a reason rather than issued into a certificate no verifier accepts.
/// </summary>
internal sealed class NameConstraintSet
{
    private readonly List<(int Tag, string Text, IPNetwork? Network)> _permitted = [];
    private readonly List<(int Tag, string Text, IPNetwork? Network)> _excluded = [];

    private NameConstraintSet(string certificateName)
    {
        CertificateName = certificateName;
    }

    public string CertificateName { get; }

    /// <summary>The constraints of a certificate, or null when it has none.</summary>
    public static NameConstraintSet? From(Org.BouncyCastle.X509.X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.NameConstraints);
        if (value is null)
        {
            return null;
        }

        var constraints = NameConstraints.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
        var set = new NameConstraintSet(certificate.SubjectDN.ToString());
        Add(set._permitted, constraints.PermittedSubtreesValue);
        Add(set._excluded, constraints.ExcludedSubtreesValue);
        return set;
    }

    private static void Add(List<(int, string, IPNetwork?)> list, GeneralSubtrees? subtrees)
    {
        if (subtrees is null)
        {
            return;
        }

        foreach (var element in Asn1Sequence.GetInstance(subtrees.ToAsn1Object()))
        {
            var name = GeneralSubtree.GetInstance(element).Base;
            if (name.TagNo == GeneralName.IPAddress)
            {
                var bytes = Asn1OctetString.GetInstance(name.Name).GetOctets();
                var half = bytes.Length / 2;
                var prefix = bytes.AsSpan(half).ToArray().Sum(b => System.Numerics.BitOperations.PopCount(b));
                list.Add((name.TagNo, "", new IPNetwork(new IPAddress(bytes.AsSpan(0, half)), prefix)));
            }
            else if (name.TagNo is GeneralName.DnsName or GeneralName.Rfc822Name or GeneralName.UniformResourceIdentifier)
            {
                list.Add((name.TagNo, DerIA5String.GetInstance(name.Name).GetString().ToLowerInvariant(), null));
            }
        }
    }

    /// <summary>Null when <paramref name="san"/> is within the constraints, else the reason.</summary>
    public string? Violation(SubjectAltName san)
    {
        var tag = san.Type switch
        {
            SubjectAltNameType.Dns => GeneralName.DnsName,
            SubjectAltNameType.Ip => GeneralName.IPAddress,
            SubjectAltNameType.Email => GeneralName.Rfc822Name,
            _ => GeneralName.UniformResourceIdentifier,
        };
        foreach (var excluded in _excluded.Where(c => c.Tag == tag))
        {
            if (Within(san, excluded))
            {
                return $"excluded by '{Describe(excluded)}'";
            }
        }

        var permitted = _permitted.Where(c => c.Tag == tag).ToList();
        if (permitted.Count > 0 && !permitted.Any(p => Within(san, p)))
        {
            return $"not within the permitted {SubjectAltName.Prefix(san.Type)} names ({string.Join(", ", permitted.Select(Describe))})";
        }

        return null;
    }

    private static string Describe((int Tag, string Text, IPNetwork? Network) constraint) =>
        constraint.Network?.ToString() ?? constraint.Text;

    private static bool Within(SubjectAltName san, (int Tag, string Text, IPNetwork? Network) constraint)
    {
        if (constraint.Network is { } network)
        {
            return IPAddress.TryParse(san.Value, out var address) && address.AddressFamily == network.BaseAddress.AddressFamily && network.Contains(address);
        }

        var value = san.Value.ToLowerInvariant();
        switch (san.Type)
        {
            case SubjectAltNameType.Dns:
                return DnsWithin(value, constraint.Text);
            case SubjectAltNameType.Email:
                // A constraint with '@' is one mailbox; else a host (exact) or a domain ('.example.com': any host under it).
                var host = value[(value.IndexOf('@', StringComparison.Ordinal) + 1)..];
                return constraint.Text.Contains('@', StringComparison.Ordinal) ? value == constraint.Text
                    : constraint.Text.StartsWith('.') ? host.EndsWith(constraint.Text, StringComparison.Ordinal)
                    : host == constraint.Text;
            default:
                var uriHost = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri.Host : "";
                return constraint.Text.StartsWith('.') ? uriHost.EndsWith(constraint.Text, StringComparison.Ordinal) : uriHost == constraint.Text;
        }
    }

    /// <summary>RFC 5280: "example.com" is the host and every name under it; ".example.com" only the names under it.</summary>
    internal static bool DnsWithin(string name, string constraint)
    {
        if (constraint.Length == 0)
        {
            return true;
        }

        if (constraint.StartsWith('.'))
        {
            return name.EndsWith(constraint, StringComparison.Ordinal);
        }

        return name == constraint || name.EndsWith("." + constraint, StringComparison.Ordinal);
    }
}
