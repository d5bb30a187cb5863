using System.Formats.Asn1;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Certwright.Keys.Internal;

/// <summary>The attribute templates of a key pair generated in a token: private half sensitive, never extractable, persistent.</summary>
internal static class Pkcs11Templates
{
    public const string P256Oid = "1.2.840.10045.3.1.7";
    public const string P384Oid = "1.3.132.0.34";

    public static (IMechanism Mechanism, List<IObjectAttribute> Public, List<IObjectAttribute> Private) For(
        Pkcs11Connection connection, KeyType type, string label, byte[] ckaId)
    {
        var a = connection.Factories.ObjectAttributeFactory;
        var publicTemplate = new List<IObjectAttribute>
        {
            a.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, false),
            a.Create(CKA.CKA_VERIFY, true),
            a.Create(CKA.CKA_LABEL, label),
            a.Create(CKA.CKA_ID, ckaId),
        };
        var privateTemplate = new List<IObjectAttribute>
        {
            a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, true),
            a.Create(CKA.CKA_SENSITIVE, true),
            a.Create(CKA.CKA_EXTRACTABLE, false),
            a.Create(CKA.CKA_SIGN, true),
            a.Create(CKA.CKA_DECRYPT, false),
            a.Create(CKA.CKA_UNWRAP, false),
            a.Create(CKA.CKA_DERIVE, false),
            a.Create(CKA.CKA_LABEL, label),
            a.Create(CKA.CKA_ID, ckaId),
        };

        CKM mechanism;
        switch (type)
        {
            case KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096:
                mechanism = CKM.CKM_RSA_PKCS_KEY_PAIR_GEN;
                publicTemplate.Add(a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA));
                publicTemplate.Add(a.Create(CKA.CKA_MODULUS_BITS, (ulong)(type switch { KeyType.Rsa2048 => 2048, KeyType.Rsa3072 => 3072, _ => 4096 })));
                publicTemplate.Add(a.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 0x01, 0x00, 0x01 }));
                privateTemplate.Add(a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_RSA));
                break;
            case KeyType.EcP256 or KeyType.EcP384:
                mechanism = CKM.CKM_EC_KEY_PAIR_GEN;
                publicTemplate.Add(a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC));
                publicTemplate.Add(a.Create(CKA.CKA_EC_PARAMS, Oid(type == KeyType.EcP256 ? P256Oid : P384Oid)));
                privateTemplate.Add(a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC));
                break;
            default:
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"key type {KeyTypes.Format(type)} is not supported in a PKCS#11 token; use rsa-2048, rsa-3072, rsa-4096, ec-p256 or ec-p384, or --store file");
        }

        return (connection.Factories.MechanismFactory.Create(mechanism), publicTemplate, privateTemplate);
    }

    public static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
