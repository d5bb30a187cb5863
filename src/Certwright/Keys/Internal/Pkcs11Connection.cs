namespace Certwright.Keys.Internal;

/// <summary>
/// A loaded PKCS#11 module with one logged-in read/write session on the chosen token. Shared by the
/// store and its keys (reference counted); every call on the session goes through <see cref="Run{T}"/>,
/// which serialises them: a PKCS#11 session runs one operation at a time.
/// </summary>
internal sealed class Pkcs11Connection
{
    private readonly Lock _lock = new();
    private readonly Pkcs11Library _library;
    private readonly nuint _session;
    private int _references = 1;

    private Pkcs11Connection(Pkcs11Library library, nuint session, string tokenLabel)
    {
        _library = library;
        _session = session;
        TokenLabel = tokenLabel;
    }

    public string TokenLabel { get; }

    public static Pkcs11Connection Open(Pkcs11Options options, string pin)
    {
        var library = Pkcs11Modules.Acquire(options.ModulePath);
        try
        {
            var slot = FindSlot(library, options);
            var session = library.OpenSession(slot);
            var rv = library.Login(session, pin);
            if (rv is Ck.CKR_PIN_INCORRECT or Ck.CKR_PIN_INVALID or Ck.CKR_PIN_LEN_RANGE or Ck.CKR_PIN_LOCKED)
            {
                library.CloseSession(session);
                throw new CertwrightException(
                    ErrorKind.Usage,
                    $"PKCS#11 token '{options.TokenLabel}' refused the PIN from '{options.PinFile}' ({Ck.Name(rv)}); check --pkcs11-pin-file");
            }

            // Already logged in: another session of this process logged in to the token; the login is per token.
            if (rv != Ck.CKR_OK && rv != Ck.CKR_USER_ALREADY_LOGGED_IN)
            {
                library.CloseSession(session);
                throw new CertwrightException(ErrorKind.Remote, $"PKCS#11 token '{options.TokenLabel}' failed C_Login ({Ck.Name(rv)}); check the token");
            }

            return new Pkcs11Connection(library, session, options.TokenLabel);
        }
        catch (Pkcs11CallException e)
        {
            Pkcs11Modules.Release(library);
            throw new CertwrightException(ErrorKind.Remote, $"PKCS#11 module '{options.ModulePath}' failed: {e.Message}; check the module and token", e);
        }
        catch
        {
            Pkcs11Modules.Release(library);
            throw;
        }
    }

    public T Run<T>(Func<Pkcs11Library, nuint, T> operation)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_references <= 0, this);
            try
            {
                return operation(_library, _session);
            }
            catch (Pkcs11CallException e)
            {
                throw new CertwrightException(
                    ErrorKind.Remote,
                    $"PKCS#11 token '{TokenLabel}': {e.Message}; check the token and its module's log",
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
            try
            {
                _library.CloseSession(_session);
            }
            finally
            {
                Pkcs11Modules.Release(_library);
            }
        }
    }

    private static nuint FindSlot(Pkcs11Library library, Pkcs11Options options)
    {
        var labels = new List<string>();
        foreach (var slot in library.Slots())
        {
            var label = library.TokenLabel(slot);
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
