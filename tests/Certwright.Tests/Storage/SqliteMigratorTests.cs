using Certwright.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Certwright.Tests.Storage;

public sealed class SqliteMigratorTests
{
    [Fact]
    public async Task Open_NewFile_AppliesEveryMigrationInWalMode()
    {
        await using var fixture = new StoreFixture();
        await using var store = await fixture.OpenAsync();

        Assert.Equal(SqliteSchema.CurrentVersion, store.SchemaVersion);
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(fixture.DatabasePath, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(fixture.DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSql.PageSize, Scalar(fixture.DatabasePath, "PRAGMA page_size"));
        Assert.Equal(
            string.Join(',', SqliteSchema.Migrations.Select(m => $"{m.Version}|{m.Name}|{TestRecords.Epoch.ToUnixTimeSeconds()}")),
            Scalar(fixture.DatabasePath, "SELECT group_concat(version || '|' || name || '|' || applied_at) FROM schema_migrations"));
    }

    [Fact]
    public async Task Open_Twice_KeepsDataAndRecordsMigrationsOnce()
    {
        await using var fixture = new StoreFixture();
        await using (var first = await fixture.OpenAsync())
        {
            await first.RecordAsync([TestRecords.Seen(TestRecords.Fake("a.test", TestRecords.Epoch), TestRecords.File("/etc/a.pem"), TestRecords.Epoch)], default);
        }

        fixture.Time.Advance(TimeSpan.FromDays(1));
        await using var second = await fixture.OpenAsync();

        Assert.Equal(1, (await second.GetStatisticsAsync(default)).Certificates);
        Assert.Equal((long)SqliteSchema.Migrations.Count, Scalar(fixture.DatabasePath, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Open_VersionOneInventoryWithRows_MigratesToCurrentAndKeepsThem()
    {
        await using var fixture = new StoreFixture();
        var v1 = SqliteSchema.Migrations.Single(m => m.Version == 1);
        Execute(fixture.DatabasePath, "PRAGMA journal_mode = WAL;" + v1.Sql + $"INSERT INTO schema_migrations VALUES (1, '{v1.Name}', 5); PRAGMA user_version = 1;");
        Execute(fixture.DatabasePath, """
            INSERT INTO certificates VALUES (42, 1000, x'01', x'02', '0A', 'CN=a', 'CN=a', 'a', 0, 'EC P-256', 256, 'ecdsa-with-SHA256', '', 0, 1, 1, '/etc/a.pem', 0, 7);
            INSERT INTO certificate_der VALUES (7, x'3000');
            INSERT INTO locations VALUES (123456789, 'file', '/etc/a.pem', '', '', 'default', NULL, NULL);
            INSERT INTO sightings VALUES (42, 123456789, 0, 5, 6);
            """);

        await using var store = await fixture.OpenAsync();

        Assert.Equal(SqliteSchema.CurrentVersion, store.SchemaVersion);
        var statistics = await store.GetStatisticsAsync(default);
        Assert.Equal((1L, 1L, 1L), (statistics.Certificates, statistics.Locations, statistics.Sightings));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(fixture.DatabasePath, "PRAGMA user_version"));
        Assert.Equal(
            string.Join(',', SqliteSchema.Migrations.Select(m => m.Version)),
            Scalar(fixture.DatabasePath, "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)"));
        Assert.Equal(0L, Scalar(fixture.DatabasePath, "SELECT count(*) FROM pragma_foreign_key_check"));
    }

    [Fact]
    public async Task Open_NewerSchema_ThrowsStateTellingToUpgrade()
    {
        await using var fixture = new StoreFixture();
        await (await fixture.OpenAsync()).DisposeAsync();
        Execute(fixture.DatabasePath, "PRAGMA user_version = 99");

        var error = await Assert.ThrowsAsync<CertwrightException>(fixture.OpenAsync);

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal(
            $"inventory database '{fixture.DatabasePath}' has schema version 99, newer than this certwright understands ({SqliteSchema.CurrentVersion}); upgrade certwright",
            error.Message);
    }

    [Theory]
    [InlineData("this is a text file, not a database\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk1w6h0Dv0gJ2hJb4cO0HVGKJ1IwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n")]
    public async Task Open_NotADatabase_ThrowsOneLineNamingTheFile(string content)
    {
        await using var fixture = new StoreFixture();
        await File.WriteAllTextAsync(fixture.DatabasePath, content);

        var error = await Assert.ThrowsAsync<CertwrightException>(fixture.OpenAsync);

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal(
            $"'{fixture.DatabasePath}' is not a Certwright database (SQLite: file is not a database); move it away or choose another --data directory",
            error.Message);
        Assert.Equal(content, await File.ReadAllTextAsync(fixture.DatabasePath));
    }

    [Fact]
    public async Task Open_SqliteDatabaseOfAnotherProgram_RefusesAndLeavesItAlone()
    {
        await using var fixture = new StoreFixture();
        Execute(fixture.DatabasePath, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");

        var error = await Assert.ThrowsAsync<CertwrightException>(fixture.OpenAsync);

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Contains("is a SQLite database of another program", error.Message, StringComparison.Ordinal);
        Assert.Equal("notes", Scalar(fixture.DatabasePath, "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'"));
    }

    [Fact]
    public async Task Open_CurrentDatabase_OnlyReadsTheVersion()
    {
        await using var fixture = new StoreFixture();
        await (await fixture.OpenAsync()).DisposeAsync();
        // Switch the file back to rollback journaling: a current database is not touched again at open.
        Execute(fixture.DatabasePath, "PRAGMA journal_mode = DELETE");

        await using var store = await fixture.OpenAsync();

        Assert.Equal("delete", Scalar(fixture.DatabasePath, "PRAGMA journal_mode"));
    }

    internal static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    internal static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
