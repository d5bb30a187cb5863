using System.ComponentModel.DataAnnotations;

namespace Certwright.Renewal.Deploy;

/// <summary>Where and how <see cref="Pkcs12Deployer"/> writes a PKCS#12 file (Java keystores, IIS, Windows services).</summary>
public sealed record Pkcs12DeployOptions
{
    /// <summary>The file name inside the PKCS#12 file when none is given: Java's keytool shows it as the alias.</summary>
    public const string DefaultFriendlyName = "certwright";

    /// <summary>PBKDF2 iterations of the encryption and the MAC: OpenSSL 3's default.</summary>
    public const int DefaultIterations = 2048;

    /// <summary>The PKCS#12 file to write (its directory must exist).</summary>
    public required string Path { get; init; }

    /// <summary>A file whose first line is the password. Exactly one of this and <see cref="PasswordEnvironmentVariable"/>.</summary>
    /// <remarks>Read at every deployment, so a rotated password is used by the next renewal.</remarks>
    public string? PasswordFile { get; init; }

    /// <summary>The name of an environment variable holding the password (e.g. from a Kubernetes secret).</summary>
    public string? PasswordEnvironmentVariable { get; init; }

    /// <summary>The friendly name (keystore alias) of the key and the leaf. <value>Default: <c>certwright</c>.</value></summary>
    public string FriendlyName { get; init; } = DefaultFriendlyName;

    /// <summary>PBKDF2 iterations. <value>Default: 2048, as OpenSSL 3.</value></summary>
    /// <remarks>.NET refuses to open files with more than 600,000 iterations by default, so the range stops there.</remarks>
    [Range(1000, 600_000)]
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>Every problem with these options, each with its fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add("the PKCS#12 path is empty; give the file to write");
        }

        if ((PasswordFile is null) == (PasswordEnvironmentVariable is null))
        {
            errors.Add("give the PKCS#12 password either as a password file or as an environment variable name, exactly one");
        }

        if (string.IsNullOrWhiteSpace(FriendlyName))
        {
            errors.Add("the PKCS#12 friendly name is empty; give a name (it becomes the keystore alias)");
        }

        if (Iterations is < 1000 or > 600_000)
        {
            errors.Add($"PKCS#12 iterations {Iterations} is out of range; give 1000 to 600000");
        }

        return errors;
    }
}
