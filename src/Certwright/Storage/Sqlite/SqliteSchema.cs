namespace Certwright.Storage.Sqlite;

/// <summary>
/// The numbered, forward-only schema migrations of the SQLite store. <c>PRAGMA user_version</c> holds the
/// version (one header read tells whether anything is to do); <c>schema_migrations</c> keeps when each ran.
/// Never edit a released migration: add the next one.
/// </summary>
internal static partial class SqliteSchema
{
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "inventory: certificates, locations, sightings, endpoint events", V1),
        new(2, "monitoring: targets, check results, findings of the latest check", V2),
        new(3, "private CA: authorities, issued certificates ledger, 'authority' locations", V3),
        new(4, "renewal: managed certificates and their renewal state", V4),
        new(5, "ACME server: accounts and orders", V5),
    ];

    public static int CurrentVersion => Migrations[^1].Version;

    // Design notes (v1). Recording a new certificate costs one insert per B-tree it touches, so the schema keeps
    // that number small: certificates + its sha256 index, certificate_der (an append), locations, sightings.
    // Nothing is looked up that the key does not already tell. Pages are 64 KiB (see SqliteSql.PageSize).
    // - certificates is clustered by expiry: its rowid `id` is (not_after << 24) + slot, the slot being the first 24
    //   bits of the SHA-256, moved on by one while another certificate holds it (see SqliteCertificateKeys).
    //   `list --expiring-within` is then one rowid range scan over adjacent leaf pages, already in output order;
    //   and a certificate's id follows from the certificate itself, so recording one needs no sequence probe.
    //   A certificate's not_after never changes, so neither does its id; other tables reference it. A delete can
    //   break a probe chain; the UNIQUE sha256 index then stops a second copy and the writer finds it by fingerprint.
    // - certificates holds only what a list shows; the DER lives in certificate_der, appended in the order certificates
    //   are inserted, under its own rowid (der_id), so the hot table stays narrow and DER inserts never split a page mid-tree.
    // - Fingerprints are BLOBs (half the size of hex). SHA-256 has an index (show, dedup across probe chains);
    //   SHA-1 and serial lookups (show by SHA-1 prefix or serial) scan instead of taxing every insert with two
    //   more indexes.
    // - locations' rowid is a 63-bit hash of its key (kind, address, server_name, detail), moved on by one while
    //   another key holds it (see SqliteLocationKey): no text index to maintain. A probe chain must stay unbroken:
    //   code that deletes locations must re-insert the rest of a chain (none deletes them today).
    // - sightings is keyed by certificate first: every read goes from a certificate to its places (list's namespace
    //   filter, show). Nothing reads a location's certificates, so there is no second index; deleting a location
    //   (nothing does yet) scans sightings.
    // - Times are integer unix seconds for cheap range comparisons.
    // - sighting_count and first_location are denormalised so the list needs no per-row subquery; the writer
    //   sets and counts them as it inserts (a trigger per sighting was a B-tree update per row); the delete
    //   triggers keep them right whatever deletes rows.
    // - server_name and detail use '' for "none", so a location key has no NULLs.
    // - Recording sessions write with foreign-key checks off (see SqliteInventoryRecorder); the keys are declared
    //   for every other writer and for the cascades.
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
            sighting_count      INTEGER NOT NULL,
            first_location      TEXT    NOT NULL,
            first_seen          INTEGER NOT NULL,
            der_id              INTEGER NOT NULL
        );

        CREATE TABLE certificate_der (
            id  INTEGER PRIMARY KEY,
            der BLOB    NOT NULL
        );

        CREATE TRIGGER certificates_der_delete AFTER DELETE ON certificates BEGIN
            DELETE FROM certificate_der WHERE id = OLD.der_id;
        END;

        CREATE TABLE locations (
            id                     INTEGER PRIMARY KEY,
            kind                   TEXT    NOT NULL CHECK (kind IN ('file', 'endpoint')),
            address                TEXT    NOT NULL,
            server_name            TEXT    NOT NULL DEFAULT '',
            detail                 TEXT    NOT NULL DEFAULT '',
            namespace              TEXT    NOT NULL,
            current_certificate_id INTEGER REFERENCES certificates (id),
            current_since          INTEGER
        );

        CREATE TABLE sightings (
            certificate_id INTEGER NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
            location_id    INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
            position       INTEGER NOT NULL,
            first_seen     INTEGER NOT NULL,
            last_seen      INTEGER NOT NULL,
            PRIMARY KEY (certificate_id, location_id)
        ) WITHOUT ROWID;

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

    // Design notes (v2). Monitoring writes one check result per target and slot: a few thousand rows a day, not
    // the inventory's millions, so plain rowid tables with one index each are enough.
    // - monitor_targets holds `target add` targets; target_key is MonitorTarget.Key (the endpoint location's name),
    //   the same text check results are recorded under, so `target list` joins them without parsing.
    //   server_name is the SNI given ('' for the default); tags are joined by ',' (tags cannot contain one).
    // - check_results is the history, append-only; check_latest points at each target's newest result and
    //   check_findings holds the findings of those latest results only (the audit reads current findings; the
    //   history keeps status, leaf and worst severity, and endpoint_events already says when a leaf changed).
    //   Severities are the Severity enum's numbers (0 ok .. 3 critical).
    private const string V2 = """
        CREATE TABLE monitor_targets (
            id            INTEGER PRIMARY KEY,
            target_key    TEXT    NOT NULL UNIQUE,
            host          TEXT    NOT NULL,
            port          INTEGER NOT NULL,
            server_name   TEXT    NOT NULL DEFAULT '',
            starttls      TEXT    NOT NULL DEFAULT 'none',
            namespace     TEXT    NOT NULL,
            owner         TEXT,
            tags          TEXT    NOT NULL DEFAULT '',
            warning_days  INTEGER,
            critical_days INTEGER,
            schedule      TEXT,
            added_at      INTEGER NOT NULL
        );

        CREATE TABLE check_results (
            id             INTEGER PRIMARY KEY,
            target         TEXT    NOT NULL,
            kind           TEXT    NOT NULL CHECK (kind IN ('endpoint', 'directory')),
            namespace      TEXT    NOT NULL,
            checked_at     INTEGER NOT NULL,
            status         TEXT    NOT NULL CHECK (status IN ('ok', 'warning', 'critical', 'failed')),
            leaf_sha256    BLOB,
            worst_severity INTEGER NOT NULL,
            duration_ms    INTEGER NOT NULL,
            error          TEXT
        );
        CREATE INDEX check_results_target ON check_results (target, id);

        CREATE TABLE check_latest (
            target    TEXT    PRIMARY KEY,
            result_id INTEGER NOT NULL REFERENCES check_results (id) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE check_findings (
            result_id INTEGER NOT NULL REFERENCES check_results (id) ON DELETE CASCADE,
            seq       INTEGER NOT NULL,
            code      TEXT    NOT NULL,
            severity  INTEGER NOT NULL,
            message   TEXT    NOT NULL,
            subject   TEXT,
            PRIMARY KEY (result_id, seq)
        ) WITHOUT ROWID;
        """;

    // Design notes (v3). The CA ledger sits beside the inventory so that recording an issuance in both is one
    // transaction (one fsync) and `list`/`show` see issued certificates with their CA and profile as a sighting.
    // - locations is rebuilt to admit kind 'authority' (SQLite cannot alter a CHECK); rowids are kept, so the hashed
    //   location ids and every reference to them stay valid. The migrator runs with foreign keys off and checks
    //   them before committing (SQLite's documented procedure for rebuilding a table).
    // - issued_certificates is keyed by (authority, serial), the look-up OCSP and revoke make; `version` is the
    //   ledger change counter's value when the row last changed (issued or revoked), so a responder in another
    //   process follows issuances and revocations alike with one index range read after the last version it saw.
    // - authority_state holds the single change counter, so a responder polls one row to know whether to re-read.
    // - Revocation is two columns on the issued row: the first revocation stands (RFC 5280 has no un-revoke except
    //   removeFromCRL of a hold, which Certwright does not issue).
    private const string V3 = """
        CREATE TABLE locations_v3 (
            id                     INTEGER PRIMARY KEY,
            kind                   TEXT    NOT NULL CHECK (kind IN ('file', 'endpoint', 'authority')),
            address                TEXT    NOT NULL,
            server_name            TEXT    NOT NULL DEFAULT '',
            detail                 TEXT    NOT NULL DEFAULT '',
            namespace              TEXT    NOT NULL,
            current_certificate_id INTEGER REFERENCES certificates (id),
            current_since          INTEGER
        );
        INSERT INTO locations_v3 SELECT id, kind, address, server_name, detail, namespace, current_certificate_id, current_since FROM locations;
        DROP TABLE locations;
        ALTER TABLE locations_v3 RENAME TO locations;

        CREATE TABLE authorities (
            name            TEXT    PRIMARY KEY,
            issuing_der     BLOB    NOT NULL,
            chain_der       BLOB    NOT NULL,
            key_store       TEXT    NOT NULL CHECK (key_store IN ('file', 'pkcs11')),
            key_id          TEXT    NOT NULL,
            key_type        TEXT    NOT NULL,
            pkcs11_module   TEXT,
            pkcs11_token    TEXT,
            public_url      TEXT,
            created_at      INTEGER NOT NULL,
            crl_number      INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        CREATE TABLE issued_certificates (
            id                INTEGER PRIMARY KEY,
            authority         TEXT    NOT NULL REFERENCES authorities (name),
            serial            BLOB    NOT NULL,
            profile           TEXT    NOT NULL,
            sha256            BLOB    NOT NULL,
            subject           TEXT    NOT NULL,
            not_before        INTEGER NOT NULL,
            not_after         INTEGER NOT NULL,
            issued_at         INTEGER NOT NULL,
            der               BLOB    NOT NULL,
            revoked_at        INTEGER,
            revocation_reason INTEGER,
            version           INTEGER NOT NULL,
            UNIQUE (authority, serial)
        );
        CREATE INDEX issued_certificates_sha256 ON issued_certificates (sha256);
        CREATE INDEX issued_certificates_version ON issued_certificates (authority, version);

        CREATE TABLE authority_state (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            change_counter INTEGER NOT NULL
        );
        INSERT INTO authority_state (id, change_counter) VALUES (1, 0);
        """;

    // Design notes (v4). A managed certificate's definition and its renewal state are two tables: `managed add` replaces
    // the definition and keeps the state; a renewal run writes only the state row.
    // - The source and the deploy targets are stored generally (kind + JSON settings), so deployers and sources added later
    //   (PKCS#12, Kubernetes secrets, new ACME options) need no migration.
    // - The current leaf's DER is kept for ACME Renewal Information (its CertID is derived from the certificate).
    private const string V4 = """
        CREATE TABLE managed_certificates (
            name             TEXT    PRIMARY KEY,
            namespace        TEXT    NOT NULL,
            source_kind      TEXT    NOT NULL,
            source           TEXT    NOT NULL,
            domains          TEXT    NOT NULL,
            key_type         TEXT    NOT NULL,
            renew_before     INTEGER,
            deploy           TEXT    NOT NULL,
            reload_command   TEXT,
            verify_endpoints TEXT    NOT NULL,
            added_at         INTEGER NOT NULL
        );
        CREATE INDEX managed_certificates_namespace ON managed_certificates (namespace, name);

        CREATE TABLE managed_state (
            name                 TEXT    PRIMARY KEY REFERENCES managed_certificates (name) ON DELETE CASCADE,
            current_sha256       BLOB,
            current_der          BLOB,
            not_before           INTEGER,
            not_after            INTEGER,
            last_attempt         INTEGER,
            last_result          TEXT,
            last_error           TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_attempt_after   INTEGER
        );
        """;
}

/// <param name="Version">Schema version after this migration; versions increase by one.</param>
/// <param name="Name">What it does, recorded in <c>schema_migrations</c>.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
