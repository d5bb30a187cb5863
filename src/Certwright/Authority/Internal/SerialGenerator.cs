using System.Security.Cryptography;

namespace Certwright.Authority;

/// <summary>Random 128-bit serial numbers (CA/Browser Forum: at least 64 random bits), positive and minimally encoded.</summary>
internal static class SerialGenerator
{
    public static byte[] Next()
    {
        var serial = new byte[16];
        do
        {
            RandomNumberGenerator.Fill(serial);
            // Clear the sign bit (positive DER INTEGER); a zero first byte would not be minimal DER, so draw again.
            serial[0] &= 0x7F;
        }
        while (serial[0] == 0);

        return serial;
    }
}
