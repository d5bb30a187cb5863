namespace Certwright.Keys.Internal;

/// <summary>The PKCS#11 (v2.40) constants Certwright uses, from pkcs11t.h.</summary>
internal static class Ck
{
    public const nuint CKA_CLASS = 0x0, CKA_TOKEN = 0x1, CKA_PRIVATE = 0x2, CKA_LABEL = 0x3, CKA_VALUE = 0x11, CKA_KEY_TYPE = 0x100, CKA_ID = 0x102,
        CKA_SENSITIVE = 0x103, CKA_DECRYPT = 0x105, CKA_UNWRAP = 0x107, CKA_SIGN = 0x108, CKA_VERIFY = 0x10A, CKA_DERIVE = 0x10C, CKA_MODULUS = 0x120,
        CKA_MODULUS_BITS = 0x121, CKA_PUBLIC_EXPONENT = 0x122, CKA_EXTRACTABLE = 0x162, CKA_NEVER_EXTRACTABLE = 0x164, CKA_EC_PARAMS = 0x180, CKA_EC_POINT = 0x181;

    public const nuint CKO_PUBLIC_KEY = 2, CKO_PRIVATE_KEY = 3;
    public const nuint CKK_RSA = 0, CKK_EC = 3;
    public const nuint CKM_RSA_PKCS_KEY_PAIR_GEN = 0, CKM_SHA256_RSA_PKCS = 0x40, CKM_EC_KEY_PAIR_GEN = 0x1040, CKM_ECDSA = 0x1041;
    public const nuint CKU_USER = 1;
    public const nuint CKF_RW_SESSION = 2, CKF_SERIAL_SESSION = 4, CKF_OS_LOCKING_OK = 2;

    public const nuint CKR_OK = 0, CKR_ATTRIBUTE_SENSITIVE = 0x11, CKR_ATTRIBUTE_TYPE_INVALID = 0x12, CKR_PIN_INCORRECT = 0xA0, CKR_PIN_INVALID = 0xA1,
        CKR_PIN_LEN_RANGE = 0xA2, CKR_PIN_LOCKED = 0xA4, CKR_USER_ALREADY_LOGGED_IN = 0x100, CKR_USER_NOT_LOGGED_IN = 0x101, CKR_BUFFER_TOO_SMALL = 0x150,
        CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

    /// <summary>CK_UNAVAILABLE_INFORMATION: the length C_GetAttributeValue reports for an attribute it will not reveal.</summary>
    public static readonly nuint Unavailable = nuint.MaxValue;

    public static string Name(nuint rv) => rv switch
    {
        CKR_ATTRIBUTE_SENSITIVE => "CKR_ATTRIBUTE_SENSITIVE",
        CKR_ATTRIBUTE_TYPE_INVALID => "CKR_ATTRIBUTE_TYPE_INVALID",
        CKR_PIN_INCORRECT => "CKR_PIN_INCORRECT",
        CKR_PIN_INVALID => "CKR_PIN_INVALID",
        CKR_PIN_LEN_RANGE => "CKR_PIN_LEN_RANGE",
        CKR_PIN_LOCKED => "CKR_PIN_LOCKED",
        CKR_USER_NOT_LOGGED_IN => "CKR_USER_NOT_LOGGED_IN",
        CKR_BUFFER_TOO_SMALL => "CKR_BUFFER_TOO_SMALL",
        _ => $"CKR 0x{(ulong)rv:X}",
    };
}
