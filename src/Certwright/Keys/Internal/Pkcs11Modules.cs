using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Certwright.Keys.Internal;

/// <summary>
/// One loaded instance per PKCS#11 module path in the process: C_Initialize may run once per module, and
/// C_Finalize ends every session of every user, so the module is finalised only when its last user releases it.
/// </summary>
internal static class Pkcs11Modules
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (IPkcs11Library Library, int References)> Loaded = new(StringComparer.Ordinal);

    public static IPkcs11Library Acquire(Pkcs11InteropFactories factories, string modulePath)
    {
        var key = Path.GetFullPath(modulePath);
        Pkcs11NativeLoader.EnsureInstalled();
        lock (Gate)
        {
            if (Loaded.TryGetValue(key, out var entry))
            {
                Loaded[key] = (entry.Library, entry.References + 1);
                return entry.Library;
            }

            if (!File.Exists(key))
            {
                throw new CertwrightException(ErrorKind.Usage, $"PKCS#11 module '{modulePath}' does not exist; check --pkcs11-module");
            }

            IPkcs11Library library;
            try
            {
                library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, key, AppType.MultiThreaded);
            }
            catch (Exception e) when (e is UnmanagedException or Pkcs11Exception or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new CertwrightException(ErrorKind.Usage, $"cannot load PKCS#11 module '{modulePath}': {e.Message.TrimEnd('.')}; check --pkcs11-module", e);
            }

            Loaded[key] = (library, 1);
            return library;
        }
    }

    public static void Release(IPkcs11Library library)
    {
        lock (Gate)
        {
            foreach (var (key, entry) in Loaded)
            {
                if (!ReferenceEquals(entry.Library, library))
                {
                    continue;
                }

                if (entry.References > 1)
                {
                    Loaded[key] = (library, entry.References - 1);
                }
                else
                {
                    Loaded.Remove(key);
                    library.Dispose();
                }

                return;
            }
        }
    }
}
