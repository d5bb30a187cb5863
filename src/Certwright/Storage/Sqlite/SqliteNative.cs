using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Direct imports of SQLite's column getters from the e_sqlite3 library that Microsoft.Data.Sqlite's bundle
/// loads. The list path makes ~30 of these calls per row: through SQLitePCLRaw each one pays a SafeHandle
/// add-ref/release and a GC transition (a third of the list's time in profiles). The getters only read the
/// current row, never block and never call back, which is what <see cref="SuppressGCTransitionAttribute"/> requires.
/// </summary>
internal static unsafe partial class SqliteNative
{
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
}
