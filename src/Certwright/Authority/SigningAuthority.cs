using Certwright.Keys;

namespace Certwright.Authority;

/// <summary>
/// A CA ready to sign: its stored record with the issuing key opened. Long-lived (opening a key costs a PBKDF2
/// derivation or an HSM login), shared by threads (<see cref="ISigningKey.Sign"/> is thread-safe); disposing it
/// closes the key.
/// </summary>
public sealed class SigningAuthority : IDisposable
{
    public SigningAuthority(AuthorityRecord record, ISigningKey key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        Record = record;
        Key = key;
    }

    public AuthorityRecord Record { get; }

    public ISigningKey Key { get; }

    public string Name => Record.Name;

    public void Dispose() => Key.Dispose();
}
