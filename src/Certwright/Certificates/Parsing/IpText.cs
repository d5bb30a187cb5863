using System.Globalization;
using System.Net;

namespace Certwright.Certificates;

/// <summary>
/// Formats iPAddress GeneralName contents: 4 or 16 octets as an address (IPv6 in RFC 5952 form),
/// 8 or 32 as a name constraint's address/prefix (or address/mask when the mask has holes), anything
/// else as <c>#</c> and hex.
/// </summary>
internal static class IpText
{
    public static string Format(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 or 16 => new IPAddress(bytes).ToString(),
        8 => $"{new IPAddress(bytes[..4])}/{PrefixText(bytes[4..])}",
        32 => $"{new IPAddress(bytes[..16])}/{PrefixText(bytes[16..])}",
        _ => "#" + Convert.ToHexString(bytes),
    };

    /// <summary>The prefix length of a contiguous mask, or -1 when the mask has holes.</summary>
    public static int PrefixLength(ReadOnlySpan<byte> mask)
    {
        var bits = 0;
        var ended = false;
        foreach (var b in mask)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && ended)
                {
                    return -1;
                }

                if (set)
                {
                    bits++;
                }
                else
                {
                    ended = true;
                }
            }
        }

        return bits;
    }

    private static string PrefixText(ReadOnlySpan<byte> mask)
    {
        var prefix = PrefixLength(mask);
        return prefix >= 0 ? prefix.ToString(CultureInfo.InvariantCulture) : new IPAddress(mask).ToString();
    }
}
