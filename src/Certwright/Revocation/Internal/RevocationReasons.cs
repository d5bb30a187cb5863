namespace Certwright.Revocation.Internal;

/// <summary>RFC 5280 CRLReason codes by the names openssl and the RFC use.</summary>
internal static class RevocationReasons
{
    public static string Name(int code) => code switch
    {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => $"reason-{code}",
    };
}
