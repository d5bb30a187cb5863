namespace Certwright.Storage.Sqlite;

/// <summary>The statements of the ACME server's store (schema v5).</summary>
internal static class SqliteAcmeSql
{
    private const string AccountColumns = "id, authority, key_thumbprint, jwk, contact, status, created_at";

    public const string SelectAccount = $"SELECT {AccountColumns} FROM acme_accounts WHERE id = $id AND authority = $authority";

    public const string SelectAccountByKey = $"SELECT {AccountColumns} FROM acme_accounts WHERE authority = $authority AND key_thumbprint = $key_thumbprint";

    public const string InsertAccount = $"""
        INSERT INTO acme_accounts ({AccountColumns}) VALUES ($id, $authority, $key_thumbprint, $jwk, $contact, $status, $created_at)
        ON CONFLICT DO NOTHING
        """;

    public const string UpdateAccount = """
        UPDATE OR IGNORE acme_accounts SET key_thumbprint = $key_thumbprint, jwk = $jwk, contact = $contact, status = $status
        WHERE id = $id AND authority = $authority
        """;

    public const string SelectOrder = "SELECT document FROM acme_orders WHERE id = $id AND authority = $authority";

    public const string SelectOrderByCertificate = "SELECT document FROM acme_orders WHERE certificate_sha256 = $sha256 AND authority = $authority";

    public const string UpsertOrder = """
        INSERT INTO acme_orders (id, authority, account_id, status, expires, certificate_sha256, created_at, document)
        VALUES ($id, $authority, $account_id, $status, $expires, $certificate_sha256, $created_at, $document)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, expires = excluded.expires,
            certificate_sha256 = excluded.certificate_sha256, document = excluded.document
        """;

    public const string SelectOrderIds = """
        SELECT id FROM acme_orders WHERE account_id = $account_id AND authority = $authority
        ORDER BY created_at DESC, id LIMIT $limit
        """;

    public const string CountOpenOrders = """
        SELECT count(*) FROM acme_orders
        WHERE account_id = $account_id AND authority = $authority AND status IN ('pending', 'ready', 'processing') AND expires > $now
        """;

    public const string DeleteExpiredOrders = "DELETE FROM acme_orders WHERE certificate_sha256 IS NULL AND expires < $before";
}
