namespace Certwright.Keys.Internal;

/// <summary>Key labels: short, one line, printable, so they fit a key file header and a PKCS#11 CKA_LABEL.</summary>
internal static class KeyLabels
{
    public const int MaximumLength = 64;

    /// <exception cref="CertwrightException">Usage: empty, too long, or with control characters.</exception>
    public static void Validate(string? label)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Length > MaximumLength || label.Any(char.IsControl) || label.Trim() != label)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"key label '{label}' is not valid; use 1 to {MaximumLength} printable characters without leading or trailing spaces");
        }
    }
}
