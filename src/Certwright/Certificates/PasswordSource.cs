using System.Text;
using Certwright.Internal;

namespace Certwright.Certificates;

/// <summary>
/// Passwords to try on PKCS#12 files and Java keystores. Candidates are tried in order: the configured
/// passwords, then the empty password, then <c>changeit</c> (Java's default). Passwords never appear in
/// messages, logs or <see cref="ToString"/>.
/// </summary>
public sealed class PasswordSource
{
    /// <summary>The environment variable <see cref="FromEnvironment"/> reads.</summary>
    public const string EnvironmentVariable = "CERTWRIGHT_KEYSTORE_PASSWORD";

    /// <summary>Java's default keystore password, tried last.</summary>
    public const string JavaDefaultPassword = "changeit";

    /// <summary>Largest password file read (1 MiB).</summary>
    public const int MaxPasswordFileBytes = 1024 * 1024;

    private readonly string[] _configured;

    private PasswordSource(string[] configured)
    {
        _configured = configured;
        Candidates = [.. configured.Append(string.Empty).Append(JavaDefaultPassword).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>No configured passwords: only the defaults are tried.</summary>
    public static PasswordSource None { get; } = new([]);

    /// <summary>Whether the caller configured any password (a mismatch is then reported as <c>wrong-password</c>).</summary>
    public bool HasConfiguredPasswords => _configured.Length > 0;

    /// <summary>Configured passwords first, then the defaults, without duplicates.</summary>
    internal IReadOnlyList<string> Candidates { get; }

    /// <summary>Uses these passwords (in order) before the defaults.</summary>
    public static PasswordSource FromPasswords(IEnumerable<string> passwords)
    {
        ArgumentNullException.ThrowIfNull(passwords);
        return new([.. passwords]);
    }

    /// <summary>
    /// Reads a password file: one password per line, UTF-8, taken exactly as written except for the line
    /// ending (LF or CRLF); empty lines are skipped (the empty password is tried anyway).
    /// </summary>
    /// <exception cref="CertwrightException">The file cannot be read (<see cref="ErrorKind.Usage"/>).</exception>
    public static async Task<PasswordSource> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A password file is a few lines; the cap keeps /dev/zero or a wrong path to a big file from eating memory.
        var bytes = await BoundedFile.ReadAllBytesAsync(path, MaxPasswordFileBytes, "password file", cancellationToken);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes).TrimStart('\uFEFF');
        return new(ParseLines(text));
    }

    /// <summary>
    /// Reads <see cref="EnvironmentVariable"/> (one password; several separated by newlines). Returns
    /// <see cref="None"/> when it is unset or empty.
    /// </summary>
    /// <param name="getVariable">Reads a variable; defaults to the process environment.</param>
    public static PasswordSource FromEnvironment(Func<string, string?>? getVariable = null)
    {
        var value = (getVariable ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrEmpty(value) ? None : new(ParseLines(value));
    }

    /// <summary>This source's configured passwords followed by the other's.</summary>
    public PasswordSource Combine(PasswordSource other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. _configured, .. other._configured]);
    }

    /// <summary>Says how many passwords are configured, never which.</summary>
    public override string ToString() => $"{_configured.Length} configured password(s)";

    private static string[] ParseLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return [.. text.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).Where(line => line.Length > 0)];
    }
}
