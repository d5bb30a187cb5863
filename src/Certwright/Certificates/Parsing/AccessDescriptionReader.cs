namespace Certwright.Certificates;

/// <summary>
/// Walks the AccessDescription SEQUENCE OF of authorityInfoAccess and subjectInfoAccess
/// (RFC 5280 4.2.2.1, 4.2.2.2): access method OID and location GeneralName.
/// </summary>
internal ref struct AccessDescriptionReader
{
    private DerReader _list;

    public AccessDescriptionReader(ref DerReader extensionValue)
    {
        _list = extensionValue.ReadSequence();
        Method = null!; // set by MoveNext before it is read
    }

    public OidInfo Method { get; private set; }

    public RawGeneralName Location { get; private set; }

    public bool MoveNext()
    {
        if (!_list.HasData)
        {
            return false;
        }

        var description = _list.ReadSequence();
        Method = description.ReadOid();
        Location = GeneralNameReader.ReadRaw(ref description);
        description.EnsureEnd();
        return true;
    }
}
