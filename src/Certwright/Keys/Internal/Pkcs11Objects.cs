using System.Formats.Asn1;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
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
        var found = connection.Run(session => Find(connection, session, ckaId));
        if (found is null)
        {
            throw new CertwrightException(ErrorKind.Usage, $"no key '{id}' in PKCS#11 token '{connection.TokenLabel}'; `certwright key list --store pkcs11` shows the keys");
        }

        var (privateKey, _, type, spki) = found.Value;
        return new Pkcs11SigningKey(connection, privateKey, id, type, spki);
    }

    public static List<KeyInfo> List(Pkcs11Connection connection) =>
        connection.Run(session =>
        {
            var a = connection.Factories.ObjectAttributeFactory;
            var result = new List<KeyInfo>();
            foreach (var handle in session.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY)]))
            {
                var attributes = session.GetAttributeValue(handle, [CKA.CKA_ID, CKA.CKA_LABEL]);
                var ckaId = attributes[0].GetValueAsByteArray();
                if (ckaId is null || ckaId.Length == 0 || Find(connection, session, ckaId) is not { } found)
                {
                    // Keys other tools made without a matching public key object cannot be opened here.
                    continue;
                }

                result.Add(new KeyInfo(Convert.ToHexStringLower(ckaId), attributes[1].GetValueAsString() ?? "", found.Type, KeyStoreKind.Pkcs11, null, found.Extractable));
            }

            return result.OrderBy(k => k.Id, StringComparer.Ordinal).ToList();
        });

    private static (IObjectHandle PrivateKey, bool Extractable, KeyType Type, byte[] Spki)? Find(Pkcs11Connection connection, ISession session, byte[] ckaId)
    {
        var a = connection.Factories.ObjectAttributeFactory;
        var privateKeys = session.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_ID, ckaId)]);
        var publicKeys = session.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), a.Create(CKA.CKA_ID, ckaId)]);
        if (privateKeys.Count != 1 || publicKeys.Count != 1)
        {
            return null;
        }

        var extractable = session.GetAttributeValue(privateKeys[0], [CKA.CKA_EXTRACTABLE])[0].GetValueAsBool();
        var keyType = (CKK)session.GetAttributeValue(publicKeys[0], [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        var (type, spki) = keyType switch
        {
            CKK.CKK_RSA => ReadRsa(session, publicKeys[0]),
            CKK.CKK_EC => ReadEc(session, publicKeys[0]),
            _ => ((KeyType, byte[])?)null,
        } ?? default;
        return spki is null ? null : (privateKeys[0], extractable, type, spki);
    }

    private static (KeyType, byte[])? ReadRsa(ISession session, IObjectHandle publicKey)
    {
        var values = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() });
        KeyType? type = rsa.KeySize switch { 2048 => KeyType.Rsa2048, 3072 => KeyType.Rsa3072, 4096 => KeyType.Rsa4096, _ => null };
        return type is null ? null : (type.Value, rsa.ExportSubjectPublicKeyInfo());
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

    private static (KeyType, byte[])? ReadEc(ISession session, IObjectHandle publicKey)
    {
        var values = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
        string curve;
        byte[] point;
        try
        {
            curve = new AsnReader(values[0].GetValueAsByteArray(), AsnEncodingRules.DER).ReadObjectIdentifier();
            point = UnwrapPoint(values[1].GetValueAsByteArray());
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
        return (type.Value, new SubjectPublicKeyInfo(algorithm, point).GetDerEncoded());
    }
}
