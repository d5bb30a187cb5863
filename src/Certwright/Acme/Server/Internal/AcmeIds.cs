using System.Buffers.Text;
using System.Security.Cryptography;

namespace Certwright.Acme.Server.Internal;

/// <summary>Random resource ids (128 bits, lowercase hex) and challenge tokens (RFC 8555 §8.3: at least 128 bits, base64url).</summary>
internal static class AcmeIds
{
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsId(string text) => text.Length == 32 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Splits <c>{order}-{i}</c> or <c>{order}-{i}-{j}</c> into the order id and the indexes; null when it is neither.</summary>
    public static (string Order, int[] Indexes)? Split(string text, int parts)
    {
        var pieces = text.Split('-');
        if (pieces.Length != parts + 1 || !IsId(pieces[0]))
        {
            return null;
        }

        var indexes = new int[parts];
        for (var i = 0; i < parts; i++)
        {
            if (pieces[i + 1].Length is 0 or > 3 || !pieces[i + 1].All(char.IsAsciiDigit))
            {
                return null;
            }

            indexes[i] = int.Parse(pieces[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        return (pieces[0], indexes);
    }
}
