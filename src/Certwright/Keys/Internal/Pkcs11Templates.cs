using System.Formats.Asn1;

namespace Certwright.Keys.Internal;

/// <summary>The attribute templates of a key pair generated in a token: private half sensitive, never extractable, persistent.</summary>
internal static class Pkcs11Templates
{
    public const string P256Oid = "1.2.840.10045.3.1.7";
    public const string P384Oid = "1.3.132.0.34";

    public static (nuint Mechanism, List<Pkcs11Attribute> Public, List<Pkcs11Attribute> Private) For(KeyType type, string label, byte[] ckaId)
    {
        var publicTemplate = new List<Pkcs11Attribute>
        {
            Pkcs11Attribute.Ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY),
            Pkcs11Attribute.Bool(Ck.CKA_TOKEN, true),
            Pkcs11Attribute.Bool(Ck.CKA_PRIVATE, false),
            Pkcs11Attribute.Bool(Ck.CKA_VERIFY, true),
            Pkcs11Attribute.Text(Ck.CKA_LABEL, label),
            new(Ck.CKA_ID, ckaId),
        };
        var privateTemplate = new List<Pkcs11Attribute>
        {
            Pkcs11Attribute.Ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
            Pkcs11Attribute.Bool(Ck.CKA_TOKEN, true),
            Pkcs11Attribute.Bool(Ck.CKA_PRIVATE, true),
            Pkcs11Attribute.Bool(Ck.CKA_SENSITIVE, true),
            Pkcs11Attribute.Bool(Ck.CKA_EXTRACTABLE, false),
            Pkcs11Attribute.Bool(Ck.CKA_SIGN, true),
            Pkcs11Attribute.Bool(Ck.CKA_DECRYPT, false),
            Pkcs11Attribute.Bool(Ck.CKA_UNWRAP, false),
            Pkcs11Attribute.Bool(Ck.CKA_DERIVE, false),
            Pkcs11Attribute.Text(Ck.CKA_LABEL, label),
            new(Ck.CKA_ID, ckaId),
        };

        nuint mechanism;
        switch (type)
        {
            case KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096:
                mechanism = Ck.CKM_RSA_PKCS_KEY_PAIR_GEN;
                publicTemplate.Add(Pkcs11Attribute.Ulong(Ck.CKA_KEY_TYPE, Ck.CKK_RSA));
                publicTemplate.Add(Pkcs11Attribute.Ulong(Ck.CKA_MODULUS_BITS, type switch { KeyType.Rsa2048 => 2048, KeyType.Rsa3072 => 3072, _ => 4096 }));
                publicTemplate.Add(new(Ck.CKA_PUBLIC_EXPONENT, [0x01, 0x00, 0x01]));
                privateTemplate.Add(Pkcs11Attribute.Ulong(Ck.CKA_KEY_TYPE, Ck.CKK_RSA));
                break;
            case KeyType.EcP256 or KeyType.EcP384:
                mechanism = Ck.CKM_EC_KEY_PAIR_GEN;
                publicTemplate.Add(Pkcs11Attribute.Ulong(Ck.CKA_KEY_TYPE, Ck.CKK_EC));
                publicTemplate.Add(new(Ck.CKA_EC_PARAMS, Oid(type == KeyType.EcP256 ? P256Oid : P384Oid)));
                privateTemplate.Add(Pkcs11Attribute.Ulong(Ck.CKA_KEY_TYPE, Ck.CKK_EC));
                break;
            default:
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"key type {KeyTypes.Format(type)} is not supported in a PKCS#11 token; use rsa-2048, rsa-3072, rsa-4096, ec-p256 or ec-p384, or --store file");
        }

        return (mechanism, publicTemplate, privateTemplate);
    }

    public static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
