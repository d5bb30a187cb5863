namespace Certwright.Bench.CertGen;

/// <summary>
/// Draws a certificate's serial, names, key, issuer and validity from its (seed, index) generator.
/// notAfter is spread from <c>now - 60 days</c> to <c>now + 730 days</c> in three bands whose sizes
/// are options, so the share of expired and soon-expiring certificates is known in advance.
/// </summary>
internal sealed class LeafSpecFactory(LeavesOptions options, DateTimeOffset now, int keyCount, int rsaIssuerIndex)
{
    private static readonly string[] Prefixes = ["www", "api", "mail", "vpn", "app", "auth", "db", "cdn", "git", "metrics", "sso", "shop"];
    private static readonly string[] Domains = ["example.com", "example.net", "example.org", "corp.example", "svc.example", "test.example"];
    private static readonly int[] LifetimesDays = [90, 90, 90, 90, 397, 397, 397, 397, 397, 825];

    public LeafSpec Create(long index)
    {
        var rng = new SplitMix(options.Seed, index);

        var serial = new byte[16];
        BitConverter.TryWriteBytes(serial.AsSpan(0, 8), rng.Next());
        BitConverter.TryWriteBytes(serial.AsSpan(8, 8), rng.Next());
        // Positive and minimally encoded: the first byte is 0x01..0x7F.
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);

        var notAfter = DrawNotAfter(ref rng);
        var lifetime = TimeSpan.FromDays(LifetimesDays[rng.NextInt(LifetimesDays.Length)]);
        var notBefore = notAfter - lifetime;
        if (notBefore > now)
        {
            notBefore = now.AddHours(-1);
        }

        var domain = Domains[rng.NextInt(Domains.Length)];
        var commonName = $"{Prefixes[rng.NextInt(Prefixes.Length)]}{index}.{domain}";
        var dnsNames = new string[1 + rng.NextInt(4)];
        dnsNames[0] = commonName;
        for (var i = 1; i < dnsNames.Length; i++)
        {
            dnsNames[i] = $"{Prefixes[rng.NextInt(Prefixes.Length)]}{index}-{i}.{domain}";
        }

        var issuer = rng.NextDouble() * 100 < options.RsaIssuerPercent ? rsaIssuerIndex : 0;
        return new LeafSpec(
            serial,
            notBefore,
            notAfter,
            $"Bench Org {index % 997}",
            commonName,
            dnsNames,
            rng.NextInt(keyCount),
            issuer,
            ClientAuth: rng.NextInt(5) == 0);
    }

    private DateTimeOffset DrawNotAfter(ref SplitMix rng)
    {
        const long Day = 86_400;
        var band = rng.NextDouble() * 100;
        long seconds;
        if (band < options.ExpiredPercent)
        {
            seconds = -rng.NextLong(60, 60 * Day);
        }
        else if (band < options.ExpiredPercent + options.ExpiringPercent)
        {
            seconds = rng.NextLong(60, (30 * Day) - 60);
        }
        else
        {
            seconds = rng.NextLong(30 * Day, 730 * Day);
        }

        return now.AddSeconds(seconds);
    }
}
