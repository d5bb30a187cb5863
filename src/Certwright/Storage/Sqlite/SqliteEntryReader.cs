using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>Builds <see cref="InventoryEntry"/> values from rows selected with <see cref="SqliteSql.EntryColumns"/>.</summary>
internal sealed class SqliteEntryReader
{
    private readonly Utf8StringCache _issuers = new();
    private readonly Utf8StringCache _keys = new();
    private readonly Utf8StringCache _algorithms = new();

    public InventoryEntry Read(SqliteRawStatement row) => new()
    {
        Sha256 = Convert.ToHexStringLower(row.Blob(0)),
        Sha1 = Convert.ToHexStringLower(row.Blob(1)),
        SerialNumber = row.Text(2),
        Subject = row.Text(3),
        Issuer = _issuers.Get(row.Blob(4)),
        CommonName = row.NullableText(5),
        NotBefore = SqliteTime.FromSeconds(row.Int64(6)),
        NotAfter = SqliteTime.FromSeconds(row.Int64(7)),
        KeyDescription = _keys.Get(row.Blob(8)),
        KeyBits = (int)row.Int64(9),
        SignatureAlgorithm = _algorithms.Get(row.Blob(10)),
        SubjectAlternativeNames = row.Text(11),
        IsCertificateAuthority = row.Int64(12) != 0,
        IsSelfSigned = row.Int64(13) != 0,
        SightingCount = (int)row.Int64(14),
        FirstLocation = row.Text(15),
        FirstSeen = SqliteTime.FromSeconds(row.Int64(16)),
    };
}
