using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace Certwright.Keys.Internal;

/// <summary>Finds key pairs in the token by CKA_ID and reads their type and public key.</summary>
internal static class Pkcs11Objects
{
    public static Pkcs11SigningKey Open(Pkcs11Connection connection, byte[] ckaId)
    {
        var id = Convert.ToHexStringLower(ckaId);
        var found = connection.Run((library, session) => Find(library, session, ckaId));
        if (found is null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"no key '{id}' in PKCS#11 token '{connection.TokenLabel}'; `certwright key list --store pkcs11` shows the keys");
        }

        var (privateKey, _, type, spki) = found.Value;
        return new Pkcs11SigningKey(connection, privateKey, id, type, spki);
    }

    public static List<KeyInfo> List(Pkcs11Connection connection) =>
        connection.Run((library, session) =>
        {
            var result = new List<KeyInfo>();
            foreach (var handle in library.Find(session, [Pkcs11Attribute.Ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY)]))
            {
                var ckaId = library.Attribute(session, handle, Ck.CKA_ID);
                if (ckaId is null || ckaId.Length == 0 || Find(library, session, ckaId) is not { } found)
                {
                    // Keys other tools made without a matching public key object cannot be opened here.
                    continue;
                }

                var label = System.Text.Encoding.UTF8.GetString(library.Attribute(session, handle, Ck.CKA_LABEL) ?? []);
                result.Add(new KeyInfo(Convert.ToHexStringLower(ckaId), label, found.Type, KeyStoreKind.Pkcs11, null, found.Extractable));
            }

            return result.OrderBy(k => k.Id, StringComparer.Ordinal).ToList();
        });

    private static (nuint PrivateKey, bool Extractable, KeyType Type, byte[] Spki)? Find(Pkcs11Library library, nuint session, byte[] ckaId)
    {
        var privateKeys = library.Find(session, [Pkcs11Attribute.Ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY), new(Ck.CKA_ID, ckaId)]);
        var publicKeys = library.Find(session, [Pkcs11Attribute.Ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY), new(Ck.CKA_ID, ckaId)]);
        if (privateKeys.Count != 1 || publicKeys.Count != 1)
        {
            return null;
        }

        var extractable = library.Attribute(session, privateKeys[0], Ck.CKA_EXTRACTABLE) is [not 0];
        var keyType = library.Attribute(session, publicKeys[0], Ck.CKA_KEY_TYPE) is { } kt ? (nuint)BitConverter.ToUInt64(Pad(kt)) : nuint.MaxValue;
        (KeyType Type, byte[] Spki)? key = keyType switch
        {
            Ck.CKK_RSA => ReadRsa(library, session, publicKeys[0]),
            Ck.CKK_EC => ReadEc(library, session, publicKeys[0]),
            _ => null,
        };
        return key is { } k ? (privateKeys[0], extractable, k.Type, k.Spki) : null;
    }

    private static byte[] Pad(byte[] value)
    {
        var padded = new byte[8];
        value.AsSpan(0, Math.Min(8, value.Length)).CopyTo(padded);
        return padded;
    }

    private static (KeyType, byte[])? ReadRsa(Pkcs11Library library, nuint session, nuint publicKey)
    {
        var modulus = library.Attribute(session, publicKey, Ck.CKA_MODULUS);
        var exponent = library.Attribute(session, publicKey, Ck.CKA_PUBLIC_EXPONENT);
        if (modulus is null || exponent is null)
        {
            return null;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        KeyType? type = rsa.KeySize switch { 2048 => KeyType.Rsa2048, 3072 => KeyType.Rsa3072, 4096 => KeyType.Rsa4096, _ => null };
        return type is null ? null : (type.Value, rsa.ExportSubjectPublicKeyInfo());
    }

    private static (KeyType, byte[])? ReadEc(Pkcs11Library library, nuint session, nuint publicKey)
    {
        var parameters = library.Attribute(session, publicKey, Ck.CKA_EC_PARAMS);
        var ecPoint = library.Attribute(session, publicKey, Ck.CKA_EC_POINT);
        if (parameters is null || ecPoint is null)
        {
            return null;
        }

        string curve;
        try
        {
            curve = new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }

        KeyType? type = curve switch { Pkcs11Templates.P256Oid => KeyType.EcP256, Pkcs11Templates.P384Oid => KeyType.EcP384, _ => null };
        if (type is null)
        {
            return null;
        }

        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, new DerObjectIdentifier(curve));
        return (type.Value, new SubjectPublicKeyInfo(algorithm, UnwrapPoint(ecPoint)).GetDerEncoded());
    }

    private static byte[] UnwrapPoint(byte[] ecPoint)
    {
        // PKCS#11 says CKA_EC_POINT is a DER OCTET STRING around the point; some modules return the bare point.
        try
        {
            var reader = new AsnReader(ecPoint, AsnEncodingRules.DER);
            var point = reader.ReadOctetString();
            reader.ThrowIfNotEmpty();
            return point;
        }
        catch (AsnContentException)
        {
            return ecPoint;
        }
    }
}
