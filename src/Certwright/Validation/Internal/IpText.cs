using System.Net;

namespace Certwright.Validation.Internal;

/// <summary>Formats raw iPAddress bytes (addresses, or address+mask from a name constraint) for messages.</summary>
internal static class IpText
{
    public static string Format(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 or 16 => new IPAddress(bytes).ToString(),
        8 => $"{new IPAddress(bytes[..4])}/{PrefixText(bytes[4..])}",
        32 => $"{new IPAddress(bytes[..16])}/{PrefixText(bytes[16..])}",
        _ => "0x" + Convert.ToHexStringLower(bytes),
    };

    private static string PrefixText(ReadOnlySpan<byte> mask)
    {
        var prefix = PrefixLength(mask);
        return prefix >= 0 ? prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : new IPAddress(mask).ToString();
    }

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
}
