using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Direct imports from the e_sqlite3 library that Microsoft.Data.Sqlite's bundle loads, for the two hot paths
/// (bulk recording and the list), which make tens of calls per row. Through SQLitePCLRaw each call pays a
/// SafeHandle add-ref/release and a GC transition, and text goes through a UTF-16 string and a fresh UTF-8 copy.
/// </summary>
/// <remarks>
/// Column getters and binders only touch the statement, never block and never call back, which is what
/// <see cref="SuppressGCTransitionAttribute"/> requires. <c>sqlite3_step</c> and <c>sqlite3_reset</c> may do I/O
/// or wait for a lock, so they keep the transition. Binders pass <see cref="Transient"/>: SQLite copies the bytes
/// into the parameter's buffer, which it keeps and reuses across executions.
/// </remarks>
internal static unsafe partial class SqliteNative
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text or blobs before the call returns.</summary>
    public static readonly nint Transient = -1;

    private const string Library = "e_sqlite3";

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_column_bytes(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_column_type(nint statement, int column);

    /// <summary>The column as an (unprotected) value: read it with the sqlite3_value_* getters, on this thread, before the next step.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint sqlite3_column_value(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_value_blob(nint value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_value_bytes(nint value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_int64(nint statement, int index, long value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_null(nint statement, int index);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_text(nint statement, int index, byte* text, int length, nint destructor);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_blob(nint statement, int index, byte* blob, int length, nint destructor);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_step(nint statement);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_reset(nint statement);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_changes(nint db);
}
