using System.CommandLine;
using Certwright.Certificates;

namespace Certwright.Cli.Commands;

/// <summary>The passwords tried on PKCS#12 files and Java keystores: <c>--password-file</c> and the environment.</summary>
internal static class KeystorePasswords
{
    public static Option<string?> CreateOption() => new("--password-file")
    {
        Description = $"File with passwords for PKCS#12 files and keystores, one per line (also env {PasswordSource.EnvironmentVariable}); the empty password and 'changeit' are always tried",
    };

    public static async Task<PasswordSource> ReadAsync(ParseResult parseResult, Option<string?> option, CancellationToken cancellationToken)
    {
        var passwords = PasswordSource.FromEnvironment();
        if (parseResult.GetValue(option) is { } file)
        {
            passwords = passwords.Combine(await PasswordSource.FromFileAsync(file, cancellationToken));
        }

        return passwords;
    }
}
