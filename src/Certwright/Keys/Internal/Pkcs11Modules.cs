namespace Certwright.Keys.Internal;

/// <summary>
/// One loaded instance per PKCS#11 module path in the process: C_Initialize may run once per module, and
/// C_Finalize ends every session of every user, so the module is finalised only when its last user releases it.
/// </summary>
internal static class Pkcs11Modules
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (Pkcs11Library Library, int References)> Loaded = new(StringComparer.Ordinal);

    public static Pkcs11Library Acquire(string modulePath)
    {
        var key = Path.GetFullPath(modulePath);
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

            var library = Pkcs11Library.Load(key);
            Loaded[key] = (library, 1);
            return library;
        }
    }

    public static void Release(Pkcs11Library library)
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
