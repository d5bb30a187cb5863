namespace Certwright.Storage.Sqlite;

internal static partial class SqliteSchema
{
    // Design notes (v5). The ACME server's state, a few rows per certificate request.
    // - acme_accounts: one row per account; (authority, key_thumbprint) is unique, the newAccount look-up by key.
    //   contact is the mailto: URLs joined by '\n' (a URL cannot contain one).
    // - acme_orders: an order with its authorizations and challenges as one JSON document (they are read and written
    //   together, and an authorization belongs to one order); the columns beside it are what queries filter on.
    //   certificate_sha256 leads from a certificate to its order (revocation by the issuing account).
    private const string V5 = """
        CREATE TABLE acme_accounts (
            id             TEXT    PRIMARY KEY,
            authority      TEXT    NOT NULL,
            key_thumbprint TEXT    NOT NULL,
            jwk            TEXT    NOT NULL,
            contact        TEXT    NOT NULL DEFAULT '',
            status         TEXT    NOT NULL,
            created_at     INTEGER NOT NULL,
            UNIQUE (authority, key_thumbprint)
        ) WITHOUT ROWID;

        CREATE TABLE acme_orders (
            id                 TEXT    PRIMARY KEY,
            authority          TEXT    NOT NULL,
            account_id         TEXT    NOT NULL REFERENCES acme_accounts (id),
            status             TEXT    NOT NULL,
            expires            INTEGER NOT NULL,
            certificate_sha256 TEXT,
            created_at         INTEGER NOT NULL,
            document           TEXT    NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX acme_orders_account ON acme_orders (account_id, created_at);
        CREATE INDEX acme_orders_certificate ON acme_orders (certificate_sha256) WHERE certificate_sha256 IS NOT NULL;
        """;
}
