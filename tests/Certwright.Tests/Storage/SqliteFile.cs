using Microsoft.Data.Sqlite;

namespace Certwright.Tests.Storage;

/// <summary>Direct SQL on an inventory file, through a connection of its own (foreign keys on, as SQLite users have them).</summary>
internal static class SqliteFile
{
    public static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row, its columns joined by '|' (NULL as "null").</summary>
    public static List<string> Rows(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>"ok", or what PRAGMA integrity_check or foreign_key_check found first.</summary>
    public static string Check(string path)
    {
        var orphans = Rows(path, "PRAGMA foreign_key_check;");
        return orphans.Count > 0 ? $"foreign key violation: {orphans[0]}" : (string)Scalar(path, "PRAGMA integrity_check;")!;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True");
        connection.Open();
        return connection;
    }
}
