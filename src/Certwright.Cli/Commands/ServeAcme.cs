using System.CommandLine;
using Certwright.Acme.Server;
using Certwright.Authority;
using Certwright.Storage;
using Microsoft.Extensions.Logging;

namespace Certwright.Cli.Commands;

/// <summary>Builds the ACME server of <c>serve</c>: one directory per CA, issuing with the --acme-profile, state in the data directory's database.</summary>
internal static class ServeAcme
{
    public static async Task<(AcmeServer Server, IAcmeStore Store)?> StartAsync(
        CliContext context, ParseResult parseResult, ServeAcmeOptions options, IAuthorityStore ledger, IReadOnlyList<SigningAuthority> authorities, ILogger logger, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(options.NoAcme))
        {
            return null;
        }

        var acmeOptions = options.Read(parseResult);
        var configuration = await context.LoadConfigurationAsync(parseResult.GetValue(options.Config), cancellationToken);
        var profile = CertificateProfiles.Get(parseResult.GetValue(options.AcmeProfile)!, configuration.Profiles);
        var store = await AcmeStore.OpenAsync(new StorageOptions { DataDirectory = parseResult.GetValue(CliOptions.Data) }, context.TimeProvider, cancellationToken);
        var acmeAuthorities = authorities.Select(a => new AcmeAuthority(a.Name, new CertificateIssuer(a, ledger, context.TimeProvider), profile)).ToList();
        var server = new AcmeServer(acmeAuthorities, store, ledger, acmeOptions, context.TimeProvider, logger);
        try
        {
            await server.PurgeAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            await store.DisposeAsync();
            throw;
        }

        return (server, store);
    }
}
