using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// The one way a store opens its connection: the database file, the schema brought to the current version, optional
/// pragmas, then the store built on the connection; the connection is closed when any step fails, and SQLite errors
/// become one-line <see cref="CertwrightException"/>s naming the file.
/// </summary>
internal static class SqliteStoreOpener
{
    /// <param name="path">The database file.</param>
    /// <param name="options">Storage options (busy timeout, page cache...).</param>
    /// <param name="timeProvider">Stamps the migrations run.</param>
    /// <param name="create">Builds the store on the migrated connection.</param>
    /// <param name="pragmas">SQL run after migrating, e.g. the CA ledger's durability pragmas; null for none.</param>
    public static TStore Open<TStore>(string path, StorageOptions options, TimeProvider timeProvider, Func<SqliteDatabase, SqliteConnection, TStore> create, string? pragmas = null)
    {
        var database = new SqliteDatabase(path, options);
        var connection = database.Open();
        try
        {
            SqliteMigrator.Migrate(connection, path, timeProvider);
            if (pragmas is not null)
            {
                SqliteCommands.Execute(connection, pragmas);
            }

            return create(database, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw database.Map(e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
