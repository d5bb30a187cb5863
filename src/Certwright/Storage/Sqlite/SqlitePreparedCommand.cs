using Microsoft.Data.Sqlite;

namespace Certwright.Storage.Sqlite;

/// <summary>A command prepared once and executed many times with new parameter values (the bulk-write path).</summary>
internal sealed class SqlitePreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqlitePreparedCommand(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = [.. parameterNames.Select(name => _command.Parameters.Add(new SqliteParameter(name, DBNull.Value)))];
        _command.Prepare();
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>Sets parameter <paramref name="index"/> (in the order given to the constructor); null binds SQL NULL.</summary>
    public SqlitePreparedCommand Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public object? Scalar()
    {
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs the query and returns the first row's first two columns, or false when there is no row.</summary>
    public bool TryReadPair(out object first, out object second)
    {
        using var reader = _command.ExecuteReader();
        if (!reader.Read())
        {
            first = second = DBNull.Value;
            return false;
        }

        first = reader.GetValue(0);
        second = reader.GetValue(1);
        return true;
    }

    public void Dispose() => _command.Dispose();
}
