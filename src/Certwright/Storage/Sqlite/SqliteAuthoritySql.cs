namespace Certwright.Storage.Sqlite;

/// <summary>The statements of the CA ledger (schema v3).</summary>
internal static class SqliteAuthoritySql
{
    // Acknowledged issuances and revocations must survive a power cut, not only a crash: every commit of this
    // connection waits for the WAL fsync. Group commit keeps that to one fsync per batch of issuances.
    public const string DurablePragmas = "PRAGMA synchronous = FULL;";

    public const string InsertAuthority = """
        INSERT INTO authorities (name, issuing_der, chain_der, key_store, key_id, key_type, pkcs11_module, pkcs11_token, public_url, created_at)
        VALUES ($name, $issuing_der, $chain_der, $key_store, $key_id, $key_type, $pkcs11_module, $pkcs11_token, $public_url, $created_at)
        ON CONFLICT (name) DO NOTHING
        """;

    private const string AuthorityColumns = "name, issuing_der, chain_der, key_store, key_id, key_type, pkcs11_module, pkcs11_token, public_url, created_at";

    public const string SelectAuthority = $"SELECT {AuthorityColumns} FROM authorities WHERE name = $name";

    public const string SelectAuthorities = $"SELECT {AuthorityColumns} FROM authorities ORDER BY name";

    public const string SelectAuthorityNames = "SELECT name FROM authorities ORDER BY name";

    public const string InsertIssued = """
        INSERT INTO issued_certificates (authority, serial, profile, sha256, subject, not_before, not_after, issued_at, der, version)
        VALUES ($authority, $serial, $profile, $sha256, $subject, $not_before, $not_after, $issued_at, $der, $version)
        ON CONFLICT (authority, serial) DO NOTHING
        """;

    private const string IssuedColumns = "authority, profile, serial, sha256, subject, not_before, not_after, issued_at, der";

    public const string SelectIssuedBySerial = $"SELECT {IssuedColumns} FROM issued_certificates WHERE authority = $authority AND serial = $serial";

    public const string SelectIssuedBySha256 = $"SELECT {IssuedColumns} FROM issued_certificates WHERE sha256 = $sha256";

    public const string SelectStatus = "SELECT revoked_at, revocation_reason FROM issued_certificates WHERE authority = $authority AND serial = $serial";

    public const string Revoke = """
        UPDATE issued_certificates SET revoked_at = $revoked_at, revocation_reason = $reason, version = $version
        WHERE authority = $authority AND serial = $serial AND revoked_at IS NULL
        """;

    public const string SelectRevoked = """
        SELECT serial, revoked_at, revocation_reason, not_after FROM issued_certificates
        WHERE authority = $authority AND revoked_at IS NOT NULL ORDER BY serial
        """;

    public const string SelectLedger = """
        SELECT version, serial, not_after, revoked_at, revocation_reason FROM issued_certificates
        WHERE authority = $authority AND version > $after ORDER BY version LIMIT $limit
        """;

    public const string SelectChangeCounter = "SELECT change_counter FROM authority_state WHERE id = 1";

    public const string SetChangeCounter = "UPDATE authority_state SET change_counter = $counter WHERE id = 1";

    public const string NextCrlNumber = "UPDATE authorities SET crl_number = crl_number + 1 WHERE name = $name RETURNING crl_number";
}
