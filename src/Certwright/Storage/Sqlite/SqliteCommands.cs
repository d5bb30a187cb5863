using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>The small ADO.NET helpers the monitoring and CA stores share (the inventory's hot paths use raw statements).</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static void Bind(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    public static long ScalarInt64(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql);
        foreach (var (name, value) in parameters)
        {
            Bind(command, name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Runs <paramref name="command"/> and maps every row.</summary>
    public static List<T> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
