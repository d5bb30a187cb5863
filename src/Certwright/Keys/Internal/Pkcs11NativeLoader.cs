using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Certwright.Keys.Internal;

/// <summary>
/// Pkcs11Interop binds dlopen/dlsym with [DllImport("libdl")], which needs the unversioned libdl.so
/// that only libc6-dev ships. Its maintainer's fix (Pkcs11Interop issue #239) is a resolver mapping
/// "libdl" to the runtime library: libdl.so.2 on glibc, libSystem on macOS, libc elsewhere (musl has dl* in libc).
/// </summary>
internal static class Pkcs11NativeLoader
{
    private static int _installed;

    public static void EnsureInstalled()
    {
        if (OperatingSystem.IsWindows() || Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "libdl")
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in OperatingSystem.IsMacOS() ? ["libdl.dylib", "/usr/lib/libSystem.B.dylib"] : new[] { "libdl.so.2", "libdl.so", "libc.so.6", "libc.so" })
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
