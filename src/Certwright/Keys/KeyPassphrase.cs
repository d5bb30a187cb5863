using Certwright.Internal;

namespace Certwright.Keys;

/// <summary>
/// The passphrase that encrypts key files, read from a file (<c>--key-passphrase-file</c>) or from
/// <see cref="EnvironmentVariable"/>. Cleared from memory on dispose; never printed.
/// </summary>
public sealed class KeyPassphrase : IDisposable
{
    /// <summary>The environment variable read when no passphrase file is given.</summary>
    public const string EnvironmentVariable = "CERTWRIGHT_KEY_PASSPHRASE";

    /// <summary>Shorter passphrases are refused: the PBKDF2 cost alone does not make a short one safe.</summary>
    public const int MinimumLength = 8;

    private readonly char[] _value;

    private KeyPassphrase(char[] value)
    {
        _value = value;
    }

    internal ReadOnlySpan<char> Value => _value;

    /// <summary>Reads the passphrase from <paramref name="passphraseFile"/> when given, else from <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="CertwrightException">Usage: neither is set, the file is unreadable or too large, or the passphrase is too short.</exception>
    public static Task<KeyPassphrase> ResolveAsync(string? passphraseFile, CancellationToken cancellationToken) =>
        ResolveAsync(passphraseFile, Environment.GetEnvironmentVariable(EnvironmentVariable), cancellationToken);

    internal static async Task<KeyPassphrase> ResolveAsync(string? passphraseFile, string? environmentValue, CancellationToken cancellationToken)
    {
        if (passphraseFile is not null)
        {
            var line = await SecretFile.ReadFirstLineAsync(passphraseFile, "key passphrase file", cancellationToken);
            return FromText(line, $"key passphrase file '{passphraseFile}'");
        }

        if (!string.IsNullOrEmpty(environmentValue))
        {
            return FromText(environmentValue.AsSpan(), $"environment variable {EnvironmentVariable}");
        }

        throw new CertwrightException(
            ErrorKind.Usage,
            $"no key passphrase: give --key-passphrase-file FILE or set {EnvironmentVariable}");
    }

    /// <summary>Wraps a passphrase the caller already holds (tests, hosts with their own secret source).</summary>
    public static KeyPassphrase FromString(string passphrase) => FromText(passphrase.AsSpan(), "the key passphrase");

    public void Dispose() => Array.Clear(_value);

    private static KeyPassphrase FromText(ReadOnlySpan<char> text, string source)
    {
        if (text.Length < MinimumLength)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"the key passphrase from {source} is shorter than {MinimumLength} characters; use a longer one");
        }

        return new KeyPassphrase(text.ToArray());
    }

    private static KeyPassphrase FromText(char[] text, string source)
    {
        try
        {
            return FromText(text.AsSpan(), source);
        }
        finally
        {
            Array.Clear(text);
        }
    }
}
