using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Certwright.Keys.Internal;

/// <summary>
/// A loaded PKCS#11 module with one logged-in read/write session on the chosen token. Shared by the
/// store and its keys (reference counted); every call on the session goes through <see cref="Run{T}"/>,
/// which serialises them: a PKCS#11 session runs one operation at a time.
/// </summary>
internal sealed class Pkcs11Connection
{
    private readonly Lock _lock = new();
    private readonly IPkcs11Library _library;
    private readonly ISession _session;
    private int _references = 1;

    private Pkcs11Connection(Pkcs11InteropFactories factories, IPkcs11Library library, ISession session, string tokenLabel)
    {
        Factories = factories;
        _library = library;
        _session = session;
        TokenLabel = tokenLabel;
    }

    public Pkcs11InteropFactories Factories { get; }

    public string TokenLabel { get; }

    public static Pkcs11Connection Open(Pkcs11Options options, string pin)
    {
        var factories = new Pkcs11InteropFactories();
        var library = Pkcs11Modules.Acquire(factories, options.ModulePath);
        try
        {
            var slot = FindSlot(library, options);
            var session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_LOCKED)
            {
                session.Dispose();
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"PKCS#11 token '{options.TokenLabel}' refused the PIN from '{options.PinFile}' ({e.RV}); check --pkcs11-pin-file",
                    e);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another session of this process already logged in to the token; the login is per token.
                _ = e;
            }

            return new Pkcs11Connection(factories, library, session, options.TokenLabel);
        }
        catch
        {
            Pkcs11Modules.Release(library);
            throw;
        }
    }

    public T Run<T>(Func<ISession, T> operation)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_references <= 0, this);
            try
            {
                return operation(_session);
            }
            catch (Pkcs11Exception e)
            {
                throw new CertwrightException(
                    ErrorKind.State,
                    $"PKCS#11 token '{TokenLabel}' failed in {e.Method}: {e.RV}; check the token and its module's log",
                    e);
            }
        }
    }

    public Pkcs11Connection AddReference()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_references <= 0, this);
            _references++;
            return this;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            if (_references <= 0 || --_references > 0)
            {
                return;
            }

            // No C_Logout: the login belongs to the token, shared with other sessions of this process;
            // closing the last session logs out.
            _session.Dispose();
            Pkcs11Modules.Release(_library);
        }
    }

    private static ISlot FindSlot(IPkcs11Library library, Pkcs11Options options)
    {
        var labels = new List<string>();
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var label = slot.GetTokenInfo().Label.TrimEnd();
            if (label == options.TokenLabel)
            {
                return slot;
            }

            labels.Add(label);
        }

        var available = labels.Count == 0 ? "the module has no initialised token" : "tokens: " + string.Join(", ", labels.Select(l => $"'{l}'"));
        throw new CertwrightException(ErrorKind.Usage, $"no PKCS#11 token labelled '{options.TokenLabel}' in '{options.ModulePath}' ({available}); check --pkcs11-token");
    }
}
