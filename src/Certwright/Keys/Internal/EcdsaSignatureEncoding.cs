using System.Formats.Asn1;

namespace Certwright.Keys.Internal;

/// <summary>PKCS#11 CKM_ECDSA returns r || s (each the size of the curve order); X.509 wants DER Ecdsa-Sig-Value.</summary>
internal static class EcdsaSignatureEncoding
{
    public static byte[] RawToDer(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 0 || raw.Length % 2 != 0)
        {
            throw new CertwrightException(ErrorKind.Remote, $"the PKCS#11 token returned a {raw.Length}-byte ECDSA signature; expected r || s of equal halves");
        }

        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[..half]));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[half..]));
        }

        return writer.Encode();
    }

    // r and s are fixed-width from the token; about 1 in 256 signatures has a leading zero byte, which DER forbids.
    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
