using System.CommandLine;
using Certwright.Authority;
using Certwright.Renewal;
using Certwright.Scanning;

namespace Certwright.Cli.Commands;

/// <summary>
/// What a renewal run needs in the CLI: the managed store, the CA ledger and keys (opened only when a private-CA
/// certificate is due), the profiles, the inventory for sightings, and a scanner for verify-after-deploy. Used by
/// <c>renew</c>, <c>monitor</c> and <c>serve</c>.
/// </summary>
internal sealed class RenewalSession : IAsyncDisposable
{
    private readonly IAuthorityStore _ledger;
    private readonly CaKeys _keys;
    private readonly CertificateSourceFactory _sources;
    private readonly AcmeSources _acme;

    private RenewalSession(IAuthorityStore ledger, CaKeys keys, CertificateSourceFactory sources, AcmeSources acme, RenewalRunner runner)
    {
        _ledger = ledger;
        _keys = keys;
        _sources = sources;
        _acme = acme;
        Runner = runner;
    }

    public RenewalRunner Runner { get; }

    /// <summary>A command's <c>--key-passphrase-file</c> for the private CAs' keys.</summary>
    public static Option<string?> PassphraseFileOption() =>
        new("--key-passphrase-file") { Description = $"File whose first line decrypts the CA key files, for private-CA renewals (else env {Keys.KeyPassphrase.EnvironmentVariable})" };

    /// <summary>A command's <c>--pkcs11-pin-file</c> for CAs whose key is in an HSM.</summary>
    public static Option<string?> PinFileOption() =>
        new("--pkcs11-pin-file") { Description = "PIN file of the HSM token, for private CAs whose key lives in one" };

    /// <param name="context">The command's context (stores, clock).</param>
    /// <param name="parseResult">The command line.</param>
    /// <param name="passphraseFile">The command's <c>--key-passphrase-file</c> option.</param>
    /// <param name="pinFile">The command's <c>--pkcs11-pin-file</c> option.</param>
    /// <param name="configPath">The <c>--config</c> file with 'profiles:', if any.</param>
    /// <param name="outcomeRecorded">Called as each certificate's outcome is known.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    public static async Task<RenewalSession> OpenAsync(
        CliContext context,
        ParseResult parseResult,
        Option<string?> passphraseFile,
        Option<string?> pinFile,
        string? configPath,
        Action<RenewalOutcome>? outcomeRecorded,
        CancellationToken cancellationToken)
    {
        var configuration = await context.LoadConfigurationAsync(configPath, cancellationToken);
        var managed = await context.OpenManagedStoreAsync(cancellationToken);
        var inventory = await context.OpenStoreAsync(cancellationToken);
        var ledger = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var keys = CaKeys.From(parseResult, passphraseFile, pinFile, context.TimeProvider);
        var acme = new AcmeSources(context.DataDirectoryPath, context.TimeProvider);
        var sources = new CertificateSourceFactory(ledger, keys.OpenAsync, name => CertificateProfiles.Get(name, configuration.Profiles), context.TimeProvider)
        {
            Acme = acme.Get,
        };
        var scanner = new EndpointScanner(new EndpointScannerOptions(), context.TimeProvider);
        var runner = new RenewalRunner(managed, sources, new DeployerRegistry(context.TimeProvider), scanner, context.TimeProvider)
        {
            Inventory = inventory,
            OutcomeRecorded = outcomeRecorded,
        };
        return new RenewalSession(ledger, keys, sources, acme, runner);
    }

    public async ValueTask DisposeAsync()
    {
        _sources.Dispose();
        _acme.Dispose();
        await _keys.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
