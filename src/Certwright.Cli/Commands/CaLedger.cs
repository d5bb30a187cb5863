using System.CommandLine;
using Certwright.Authority;
using Certwright.Storage;

namespace Certwright.Cli.Commands;

/// <summary>Opens the CA ledger of the data directory for every command that reads or writes CAs.</summary>
internal static class CaLedger
{
    /// <summary>The ledger in <c>--data</c>.</summary>
    /// <exception cref="CertwrightException">Usage: <c>--database</c> given (the ledger is in the embedded database only).</exception>
    public static Task<IAuthorityStore> OpenAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        RefuseDatabaseOption(parseResult);
        return AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = DataDirectory.Resolve(parseResult.GetValue(CliOptions.Data)) }, context.TimeProvider, cancellationToken);
    }

    /// <exception cref="CertwrightException">Usage: no such CA.</exception>
    public static async Task<AuthorityRecord> FindAsync(IAuthorityStore store, string name, CancellationToken cancellationToken) =>
        await store.FindAuthorityAsync(name, cancellationToken)
        ?? throw new CertwrightException(ErrorKind.Usage, $"no CA named '{name}'; 'certwright ca list' shows them, 'certwright ca init {name}' creates it");

    /// <summary>The root of a CA's chain: the last chain certificate, or the issuing one itself when it is a self-signed (imported) root.</summary>
    public static byte[] RootOf(AuthorityRecord record) => record.Chain.Count > 0 ? record.Chain[^1] : record.IssuingCertificate;

    public static string Pem(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";

    /// <summary>The CA ledger is in the embedded SQLite database only for now; a silently ignored --database would read the wrong one.</summary>
    private static void RefuseDatabaseOption(ParseResult parseResult)
    {
        var database = parseResult.GetValue(CliOptions.Database) ?? Environment.GetEnvironmentVariable("CERTWRIGHT_DATABASE");
        if (!string.IsNullOrWhiteSpace(database))
        {
            throw new CertwrightException(ErrorKind.Usage, "--database (PostgreSQL) is not available in this version; omit it to use the embedded SQLite inventory in --data");
        }
    }
}
