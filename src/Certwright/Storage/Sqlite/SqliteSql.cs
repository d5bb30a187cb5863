namespace Certwright.Storage.Sqlite;

/// <summary>
/// Every statement the SQLite store runs, in one place, so a PostgreSQL store can mirror them. Schema DDL is in
/// <see cref="SqliteSchema"/>. Times are unix seconds; fingerprints are BLOBs.
/// </summary>
internal static class SqliteSql
{
    // Per-connection settings: no I/O, so they cost nothing at start-up. WAL itself is a property of the file.
    public static string ConnectionPragmas(TimeSpan busyTimeout, int cacheSizeMiB) =>
        $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; " +
        $"PRAGMA cache_size = -{cacheSizeMiB * 1024}; PRAGMA temp_store = MEMORY;";

    // Reader connections stream each page once: a 2 MiB cache instead of the writer's large one keeps a one-shot
    // `list` from faulting in tens of MiB of cache it never reuses. (Memory-mapped I/O measured no better here.)
    public const string ReaderPragmas = "PRAGMA cache_size = -2048;";

    // Pages of 64 KiB (SQLite's largest) instead of its 4 KiB default: bulk recording dirties most pages of the
    // randomly keyed B-trees anyway, and per-page work (cache look-ups, tree depth, WAL frames, syscalls) was most
    // of its cost; a DER packs 70 to a page; a list reads a fifth as many pages. The price: a small commit writes
    // whole pages (an endpoint check ~10), so per-endpoint recording costs ~1.7x what 16 KiB pages cost.
    // Measured in bench/StoreBench/README.md.
    public const int PageSize = 65536;
    public static readonly string SetPageSize = $"PRAGMA page_size = {PageSize};";

    public const string ForeignKeysOff = "PRAGMA foreign_keys = OFF;";
    public const string ForeignKeysOn = "PRAGMA foreign_keys = ON;";

    public const string UserVersion = "PRAGMA user_version;";
    public const string JournalMode = "PRAGMA journal_mode;";
    public const string EnableWal = "PRAGMA journal_mode = WAL;";
    public const string JournalInMemory = "PRAGMA journal_mode = MEMORY;";
    public const string SynchronousOff = "PRAGMA synchronous = OFF;";
    public const string CountTables = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
    public const string HasMigrationsTable = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations';";
    public const string InsertMigration = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $applied_at);";

    public static string SetUserVersion(int version) => $"PRAGMA user_version = {version};";

    // --- recording ---
    // Parameters of the hot statements are bound by number (their order of first appearance): keep the lists
    // in SqliteRecordCommands in step.
    public const string SelectCertificateAt = "SELECT sha256 FROM certificates WHERE id = $id;";
    public const string SelectCertificateId = "SELECT id FROM certificates WHERE sha256 = $sha256;";

    // DO NOTHING covers a SHA-256 already stored under another id (a probe chain broken by a delete): the writer
    // then looks the certificate up by fingerprint.
    public const string InsertCertificate = """
        INSERT INTO certificates (id, not_after, sha256, sha1, serial, subject, issuer, common_name, not_before, key_description,
            key_bits, signature_algorithm, san_summary, is_ca, is_self_signed, sighting_count, first_location, first_seen, der_id)
        VALUES ($id, $not_after, $sha256, $sha1, $serial, $subject, $issuer, $common_name, $not_before, $key_description,
            $key_bits, $signature_algorithm, $san_summary, $is_ca, $is_self_signed, 1, $first_location, $first_seen, $der_id)
        ON CONFLICT DO NOTHING;
        """;

    public const string MaxDerId = "SELECT coalesce(max(id), 0) FROM certificate_der;";
    public const string InsertDer = "INSERT INTO certificate_der (id, der) VALUES ($id, $der);";
    public const string CountSighting = "UPDATE certificates SET sighting_count = sighting_count + 1 WHERE id = $id;";

    public const string SelectLocationAt = "SELECT kind, address, server_name, detail, namespace FROM locations WHERE id = $id;";

    public const string InsertLocation =
        "INSERT INTO locations (id, kind, address, server_name, detail, namespace) VALUES ($id, $kind, $address, $server_name, $detail, $namespace) ON CONFLICT DO NOTHING;";

    public const string UpdateLocationNamespace = "UPDATE locations SET namespace = $namespace WHERE id = $id;";

    public const string InsertSighting = """
        INSERT INTO sightings (certificate_id, location_id, position, first_seen, last_seen)
        VALUES ($certificate_id, $location_id, $position, $seen, $seen);
        """;

    public const string UpdateSighting = """
        UPDATE sightings SET position = $position, first_seen = min(first_seen, $seen), last_seen = max(last_seen, $seen)
        WHERE certificate_id = $certificate_id AND location_id = $location_id;
        """;

    // --- endpoints ---
    public const string SelectEndpointCurrent =
        "SELECT current_certificate_id, (SELECT sha256 FROM certificates WHERE id = current_certificate_id) FROM locations WHERE id = $id;";

    public const string SetEndpointCurrent = "UPDATE locations SET current_certificate_id = $certificate_id, current_since = $since WHERE id = $id;";

    public const string InsertEndpointEvent = """
        INSERT INTO endpoint_events (location_id, occurred_at, kind, old_sha256, new_sha256)
        VALUES ($location_id, $occurred_at, $kind, $old_sha256, $new_sha256);
        """;

    private const string LocationColumns = "l.kind, l.address, l.server_name, l.detail, l.namespace";

    public const string SelectEvents = $"""
        SELECT {LocationColumns}, e.occurred_at, e.kind, e.old_sha256, e.new_sha256
        FROM endpoint_events e JOIN locations l ON l.id = e.location_id
        ORDER BY e.id DESC LIMIT $limit;
        """;

    public const string SelectEventsOfEndpoint = $"""
        SELECT {LocationColumns}, e.occurred_at, e.kind, e.old_sha256, e.new_sha256
        FROM endpoint_events e JOIN locations l ON l.id = e.location_id
        WHERE e.location_id = $location_id
        ORDER BY e.id DESC LIMIT $limit;
        """;

    // --- reading certificates ---
    // Column order is what SqliteEntryReader reads; keep them in step.
    public const string EntryColumns = """
        c.sha256, c.sha1, c.serial, c.subject, c.issuer, c.common_name, c.not_before, c.not_after, c.key_description,
        c.key_bits, c.signature_algorithm, c.san_summary, c.is_ca, c.is_self_signed, c.sighting_count, c.first_location, c.first_seen
        """;

    // The rowid is the expiry order: a rowid range scan, no sort. $before_id bounds the scan; $before is exact
    // for certificates whose expiry is clamped in the key. LIMIT -1 is "no limit".
    public const string List = $"""
        SELECT {EntryColumns} FROM certificates c
        WHERE c.id < $before_id AND c.not_after < $before
        ORDER BY c.id LIMIT $limit;
        """;

    // The scan stays driven by expiry; the namespace test probes the candidate's few sightings. CROSS JOIN pins
    // that order: left to itself SQLite 3.53 walks every location of the namespace for each candidate instead.
    public const string ListInNamespace = $"""
        SELECT {EntryColumns} FROM certificates c
        WHERE c.id < $before_id AND c.not_after < $before
          AND EXISTS (SELECT 1 FROM sightings s CROSS JOIN locations l ON l.id = s.location_id
                      WHERE s.certificate_id = c.id AND l.namespace = $namespace)
        ORDER BY c.id LIMIT $limit;
        """;

    public const string SelectEntryById = $"SELECT {EntryColumns} FROM certificates c WHERE c.id = $id;";

    public const string SelectEntryBySha256 = $"SELECT {EntryColumns} FROM certificates c WHERE c.sha256 = $sha256;";

    // Prefix search: SHA-256 fingerprints in [$low, $high) as BLOBs, on its index.
    public const string FindBySha256Range = "SELECT id FROM certificates WHERE sha256 >= $low AND sha256 < $high LIMIT $cap;";

    // SHA-1 (prefix) and serial have no index: one scan answers both ($low = $high matches no SHA-1).
    public const string FindBySha1RangeOrSerial =
        "SELECT id, sha1 FROM certificates WHERE (sha1 >= $low AND sha1 < $high) OR serial = $serial LIMIT $cap;";

    public const string SelectSightings = $"""
        SELECT {LocationColumns}, s.position, s.first_seen, s.last_seen, coalesce(l.current_certificate_id = s.certificate_id, 0)
        FROM certificates c
        JOIN sightings s ON s.certificate_id = c.id
        JOIN locations l ON l.id = s.location_id
        WHERE c.sha256 = $sha256
        ORDER BY s.last_seen DESC, l.id;
        """;

    public const string SelectDer = "SELECT d.der FROM certificates c JOIN certificate_der d ON d.id = c.der_id WHERE c.sha256 = $sha256;";

    public const string Statistics = """
        SELECT (SELECT count(*) FROM certificates),
               (SELECT count(*) FROM certificates WHERE not_after < $now),
               (SELECT count(*) FROM locations),
               (SELECT count(*) FROM locations WHERE kind = 'endpoint'),
               (SELECT count(*) FROM sightings),
               (SELECT count(*) FROM endpoint_events);
        """;
}
