using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// A prepared statement driven through SQLitePCL directly, reused across executions. Bulk writes and the list
/// both run tens of thousands of executions or rows per call: <see cref="SqliteCommand"/> adds a reader object,
/// parameter type mapping and a UTF-16 round trip to each, several µs that dominated the profile. TEXT is read
/// through <c>sqlite3_column_blob</c>, which spares SQLite a NUL-terminated copy of each string.
/// </summary>
/// <remarks>
/// Runs inside whatever transaction the connection has open; not thread-safe (neither is the connection).
/// Columns are read through <see cref="SqliteNative"/> on the statement pointer, which stays valid until
/// <see cref="Dispose"/>; callers never read columns after disposing.
/// </remarks>
[SkipLocalsInit]
internal sealed unsafe class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly nint _dbHandle;
    private static readonly byte[] Empty = [0];
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);

    public SqliteRawStatement(SqliteConnection connection, string sql)
        : this(connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open"), sql)
    {
    }

    public SqliteRawStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
        _dbHandle = db.DangerousGetHandle();
    }

    public SqliteRawStatement Bind(string name, long value) => Bind(Index(name), value);

    public SqliteRawStatement Bind(string name, string? value) => Bind(Index(name), value);

    public SqliteRawStatement Bind(string name, ReadOnlySpan<byte> value) => BindBlob(Index(name), value);

    public SqliteRawStatement BindNull(string name) => BindNull(Index(name));

    // Ordinal binders for the hot statements: SQLite numbers named parameters 1, 2, ... in order of first
    // appearance, which the statement classes check once (see RequireParameters).
    public SqliteRawStatement Bind(int index, long value)
    {
        Check(SqliteNative.sqlite3_bind_int64(_handle, index, value));
        return this;
    }

    public SqliteRawStatement Bind(int index, string? value) => value is null ? BindNull(index) : Bind(index, value.AsSpan());

    /// <summary>Binds text, converted to UTF-8.</summary>
    public SqliteRawStatement Bind(int index, ReadOnlySpan<char> value)
    {
        // Short values (all but the odd DN or path) convert on the stack; SQLite copies them before returning.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        return BindText(index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
    }

    /// <summary>Binds UTF-8 bytes as TEXT.</summary>
    public SqliteRawStatement BindText(int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* bytes = utf8.IsEmpty ? Empty : utf8)
        {
            Check(SqliteNative.sqlite3_bind_text(_handle, index, bytes, utf8.Length, SqliteNative.Transient));
        }

        return this;
    }

    public SqliteRawStatement BindBlob(int index, ReadOnlySpan<byte> value)
    {
        // A null pointer would bind NULL, not an empty blob.
        fixed (byte* bytes = value.IsEmpty ? Empty : value)
        {
            Check(SqliteNative.sqlite3_bind_blob(_handle, index, bytes, value.Length, SqliteNative.Transient));
        }

        return this;
    }

    public SqliteRawStatement BindNull(int index)
    {
        Check(SqliteNative.sqlite3_bind_null(_handle, index));
        return this;
    }

    /// <summary>Checks that the statement's parameters are exactly <paramref name="names"/>, numbered 1, 2, ... in this order.</summary>
    public SqliteRawStatement RequireParameters(params ReadOnlySpan<string> names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (Index(names[i]) != i + 1)
            {
                throw new InvalidOperationException($"parameter {names[i]} is not number {i + 1} of the statement");
            }
        }

        return raw.sqlite3_bind_parameter_count(_statement) == names.Length
            ? this
            : throw new InvalidOperationException($"the statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters, not {names.Length}");
    }

    /// <summary>Advances to the next row; false when there is none.</summary>
    public bool Step()
    {
        var rc = SqliteNative.sqlite3_step(_handle);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>Runs the statement to its end and resets it for the next execution; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            while (Step())
            {
            }

            return SqliteNative.sqlite3_changes(_dbHandle);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs the statement and returns the first column of its first row (null when none or NULL), then resets it.</summary>
    public long? ScalarInt64()
    {
        try
        {
            return Step() && !IsNull(0) ? Int64(0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Makes the statement ready to run again; bound values are kept until rebound.</summary>
    public void Reset() => SqliteNative.sqlite3_reset(_handle);

    public bool IsNull(int column) => SqliteNative.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public long Int64(int column) => SqliteNative.sqlite3_column_int64(_handle, column);

    /// <summary>The column's bytes (TEXT as UTF-8), valid until the next step, reset or dispose.</summary>
    public ReadOnlySpan<byte> Blob(int column)
    {
        // One column call, then the value getters: each sqlite3_column_* call also runs SQLite's API-exit checks,
        // which were a fifth of a long list. SQLite's rule: ask for the pointer first, then the length.
        var value = SqliteNative.sqlite3_column_value(_handle, column);
        var bytes = SqliteNative.sqlite3_value_blob(value);
        return new ReadOnlySpan<byte>(bytes, SqliteNative.sqlite3_value_bytes(value));
    }

    public string Text(int column) => Encoding.UTF8.GetString(Blob(column));

    public string? NullableText(int column) => IsNull(column) ? null : Text(column);

    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        if (!_parameters.TryGetValue(name, out var index))
        {
            index = raw.sqlite3_bind_parameter_index(_statement, name);
            if (index <= 0)
            {
                throw new ArgumentException($"statement has no parameter {name}", nameof(name));
            }

            _parameters[name] = index;
        }

        return index;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
}
