using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>
/// What a CA may issue under one name: extended key usages, key types, validity and subject alternative names.
/// A request outside the profile is refused with a one-line reason naming the rule (<see cref="Check"/>).
/// </summary>
/// <param name="Name">The profile's name (<c>--profile</c>).</param>
/// <param name="ExtendedKeyUsages">EKU OIDs the certificates carry (<see cref="Oids.ServerAuth"/>, <see cref="Oids.ClientAuth"/>).</param>
/// <param name="AllowedKeyTypes">Key types a subject key may have.</param>
/// <param name="MaxValidity">The longest validity a request may ask for.</param>
/// <param name="DefaultValidity">The validity when a request names none; at most <paramref name="MaxValidity"/>.</param>
/// <param name="AllowedSans">
/// Glob patterns (<c>*</c> any run of characters, case-insensitive) every SAN must match one of: <c>dns:*.internal</c>,
/// <c>uri:spiffe://example.org/*</c>, <c>ip:10.0.0.0/8</c> (a CIDR), or without a type prefix (<c>*.internal</c>) for any type.
/// </param>
public sealed record CertificateProfile(
    string Name,
    IReadOnlyList<string> ExtendedKeyUsages,
    IReadOnlySet<KeyType> AllowedKeyTypes,
    TimeSpan MaxValidity,
    TimeSpan DefaultValidity,
    IReadOnlyList<string> AllowedSans)
{
    /// <summary>The EKU OIDs profiles use.</summary>
    public static class Oids
    {
        public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
        public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    }

    /// <summary>
    /// The validity a request gets: <paramref name="requested"/> or the default.
    /// </summary>
    /// <exception cref="CertwrightException">Usage: a key type, validity or SAN outside this profile; no SAN at all.</exception>
    public TimeSpan Check(KeyType keyType, IReadOnlyList<SubjectAltName> sans, TimeSpan? requested)
    {
        ArgumentNullException.ThrowIfNull(sans);
        if (!AllowedKeyTypes.Contains(keyType))
        {
            var allowed = string.Join(", ", KeyTypes.All.Where(AllowedKeyTypes.Contains).Select(KeyTypes.Format));
            throw new CertwrightException(ErrorKind.Usage, $"profile '{Name}' does not allow key type {KeyTypes.Format(keyType)}; use one of {allowed}");
        }

        var validity = requested ?? DefaultValidity;
        if (validity <= TimeSpan.Zero)
        {
            throw new CertwrightException(ErrorKind.Usage, $"validity {ValidityText.Format(validity)} is not positive; give --validity such as 90d or 24h");
        }

        if (validity > MaxValidity)
        {
            throw new CertwrightException(ErrorKind.Usage, $"validity {ValidityText.Format(validity)} exceeds the maximum of profile '{Name}' ({ValidityText.Format(MaxValidity)}); ask for --validity {ValidityText.Format(MaxValidity)} or less");
        }

        if (sans.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"the request has no subject alternative name; give --san (or a --cn that is a host name) for profile '{Name}'");
        }

        foreach (var san in sans)
        {
            if (!AllowedSans.Any(pattern => SanPattern.Matches(pattern, san)))
            {
                throw new CertwrightException(ErrorKind.Usage, $"SAN '{san}' is not allowed by profile '{Name}' (allowed: {string.Join(", ", AllowedSans)})");
            }
        }

        return validity;
    }
}
