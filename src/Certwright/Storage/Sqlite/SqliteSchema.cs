namespace Certwright.Storage.Sqlite;

/// <summary>
/// The numbered, forward-only schema migrations of the SQLite store. <c>PRAGMA user_version</c> holds the
/// version (one header read tells whether anything is to do); <c>schema_migrations</c> keeps when each ran.
/// Never edit a released migration: add the next one.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "inventory: certificates, locations, sightings, endpoint events", V1),
    ];

    public static int CurrentVersion => Migrations[^1].Version;

    // Design notes (v1):
    // - certificates is clustered by expiry: its rowid `id` is (not_after << 24) + n, n counting certificates
    //   that share the second (see SqliteCertificateKeys). `list --expiring-within` is then one rowid range scan
    //   over adjacent leaf pages, already in output order, instead of one random row lookup per match; and the
    //   table stays a rowid B-tree (interior pages hold only keys, so it is shallow and cheap to insert into).
    //   A certificate's not_after never changes, so neither does its id; other tables reference it.
    // - certificates holds only what a list shows; the DER lives in certificate_der so the hot table stays narrow.
    //   certificate_der has its own rowid so DER pages are appended in arrival order, not spread by expiry.
    // - Fingerprints are BLOBs (half the size of hex); prefix lookups are BLOB range scans on their indexes.
    // - Times are integer unix seconds for cheap range comparisons.
    // - sighting_count and first_location are denormalised so the list needs no per-row subquery; triggers keep
    //   the count right whatever inserts or deletes sightings.
    // - server_name and detail use '' for "none" so the UNIQUE location key works (NULLs never collide).
    private const string V1 = """
        CREATE TABLE schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        );

        CREATE TABLE certificates (
            id                  INTEGER PRIMARY KEY,
            not_after           INTEGER NOT NULL,
            sha256              BLOB    NOT NULL UNIQUE,
            sha1                BLOB    NOT NULL,
            serial              TEXT    NOT NULL,
            subject             TEXT    NOT NULL,
            issuer              TEXT    NOT NULL,
            common_name         TEXT,
            not_before          INTEGER NOT NULL,
            key_description     TEXT    NOT NULL,
            key_bits            INTEGER NOT NULL,
            signature_algorithm TEXT    NOT NULL,
            san_summary         TEXT    NOT NULL,
            is_ca               INTEGER NOT NULL,
            is_self_signed      INTEGER NOT NULL,
            sighting_count      INTEGER NOT NULL DEFAULT 0,
            first_location      TEXT    NOT NULL,
            first_seen          INTEGER NOT NULL
        );
        CREATE INDEX certificates_sha1 ON certificates (sha1);
        CREATE INDEX certificates_serial ON certificates (serial);

        CREATE TABLE certificate_der (
            id             INTEGER PRIMARY KEY,
            certificate_id INTEGER NOT NULL UNIQUE REFERENCES certificates (id) ON DELETE CASCADE,
            der            BLOB    NOT NULL
        );

        CREATE TABLE locations (
            id                     INTEGER PRIMARY KEY,
            kind                   TEXT    NOT NULL CHECK (kind IN ('file', 'endpoint')),
            address                TEXT    NOT NULL,
            server_name            TEXT    NOT NULL DEFAULT '',
            detail                 TEXT    NOT NULL DEFAULT '',
            namespace              TEXT    NOT NULL,
            current_certificate_id INTEGER REFERENCES certificates (id),
            current_since          INTEGER,
            UNIQUE (kind, address, server_name, detail)
        );

        CREATE TABLE sightings (
            location_id    INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
            certificate_id INTEGER NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
            position       INTEGER NOT NULL,
            first_seen     INTEGER NOT NULL,
            last_seen      INTEGER NOT NULL,
            PRIMARY KEY (location_id, certificate_id)
        ) WITHOUT ROWID;
        CREATE INDEX sightings_certificate ON sightings (certificate_id);

        CREATE TRIGGER sightings_count_insert AFTER INSERT ON sightings BEGIN
            UPDATE certificates SET sighting_count = sighting_count + 1 WHERE id = NEW.certificate_id;
        END;
        CREATE TRIGGER sightings_count_delete AFTER DELETE ON sightings BEGIN
            UPDATE certificates SET sighting_count = sighting_count - 1 WHERE id = OLD.certificate_id;
        END;

        CREATE TABLE endpoint_events (
            id          INTEGER PRIMARY KEY,
            location_id INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
            occurred_at INTEGER NOT NULL,
            kind        TEXT    NOT NULL CHECK (kind IN ('first-seen', 'certificate-changed')),
            old_sha256  BLOB,
            new_sha256  BLOB    NOT NULL
        );
        CREATE INDEX endpoint_events_location ON endpoint_events (location_id, id);
        """;
}

/// <param name="Version">Schema version after this migration; versions increase by one.</param>
/// <param name="Name">What it does, recorded in <c>schema_migrations</c>.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
