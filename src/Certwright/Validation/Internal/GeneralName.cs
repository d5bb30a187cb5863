namespace Certwright.Validation.Internal;

/// <summary>The GeneralName forms of RFC 5280 4.2.1.6, numbered by their context tag.</summary>
internal enum GeneralNameKind
{
    OtherName = 0,
    Rfc822Name = 1,
    DnsName = 2,
    X400Address = 3,
    DirectoryName = 4,
    EdiPartyName = 5,
    Uri = 6,
    IPAddress = 7,
    RegisteredId = 8,
}

/// <summary>
/// One GeneralName. <see cref="Text"/> holds IA5 forms (null when the bytes are not ASCII),
/// <see cref="Bytes"/> the raw content (the address for iPAddress), <see cref="Name"/> a directoryName.
/// </summary>
internal sealed record GeneralName(GeneralNameKind Kind, string? Text, byte[] Bytes, DistinguishedName? Name = null)
{
    public override string ToString() => Kind switch
    {
        GeneralNameKind.DnsName => $"DNS:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.Rfc822Name => $"email:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.Uri => $"URI:{Text ?? "<non-ASCII>"}",
        GeneralNameKind.IPAddress => $"IP:{IpText.Format(Bytes)}",
        GeneralNameKind.DirectoryName => $"DirName:{Name}",
        _ => $"{Kind}",
    };
}
