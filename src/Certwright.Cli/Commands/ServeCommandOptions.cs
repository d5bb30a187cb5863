using System.CommandLine;
using Certwright.Authority.Ocsp;
using Certwright.Keys;

namespace Certwright.Cli.Commands;

/// <summary>The options of <c>serve</c> and <c>ocsp serve</c>.</summary>
internal sealed class ServeOptions
{
    public Option<string> Listen { get; } = new("--listen")
    {
        Description = "http://HOST:PORT to listen on, e.g. http://127.0.0.1:8080 (port 0: a free port, printed at start)",
        Required = true,
    };

    public Option<string> Validity { get; } = new("--validity")
    {
        Description = "nextUpdate - thisUpdate of OCSP answers (e.g. 1d, 12h); answers are re-signed when half of it has passed",
        DefaultValueFactory = _ => "1d",
    };

    public Option<bool> NoDelegate { get; } = new("--no-delegate")
    {
        Description = $"Sign OCSP answers with the CA key instead of a delegated responder certificate ({OcspConstants.SigningProfile}, renewed automatically)",
    };

    public Option<string?> PassphraseFile { get; } = new("--key-passphrase-file")
    {
        Description = $"File whose first line decrypts the CA key files (else env {KeyPassphrase.EnvironmentVariable})",
    };

    public Option<string?> PinFile { get; } = new("--pkcs11-pin-file") { Description = "File whose first line is the HSM token's user PIN (for CAs whose key is in an HSM)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Listen, Validity, NoDelegate, PassphraseFile, PinFile })
        {
            command.Options.Add(option);
        }
    }
}
