using Certwright.Authority;
using Certwright.Authority.Crl;

namespace Certwright.Cli.Commands;

/// <summary>What became of the CRL after a revocation: published (number and file), or why not and how to publish it.</summary>
/// <param name="Number">The new CRL's number; null when none was published.</param>
/// <param name="Path">The DER file written; null when none was.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Failed">True when publishing was tried and failed (the message is a warning).</param>
internal sealed record RevokeCrlOutcome(long? Number, string? Path, string Message, bool Failed);

/// <summary>
/// <c>revoke</c> publishes the CA's new CRL at once when the key's secret was given (nothing is prompted for). The revocation
/// is already durable: a CRL that cannot be published now is reported, never fails the revoke, and serve or crl publish it.
/// </summary>
internal static class RevokeCrl
{
    public static async Task<RevokeCrlOutcome> PublishAsync(IAuthorityStore store, string authority, CaKeys keys, string dataDirectory, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var later = $"'certwright serve' republishes it within ~2 s, or 'certwright crl {authority}' does it now";
        var record = await store.FindAuthorityAsync(authority, cancellationToken);
        if (record is null || !keys.HasSecretFor(record))
        {
            var secret = record?.IssuingKey.Store == Keys.KeyStoreKind.Pkcs11 ? "--pkcs11-pin-file" : $"--key-passphrase-file or {Keys.KeyPassphrase.EnvironmentVariable}";
            return new(null, null, $"CRL not published (the CA key needs {secret}): {later}", Failed: false);
        }

        try
        {
            using var signing = await keys.OpenAsync(record, cancellationToken);
            var crl = await new CrlPublisher(dataDirectory, new CrlOptions(), timeProvider).PublishAsync(signing, store, cancellationToken);
            var path = CrlFiles.PathFor(dataDirectory, authority);
            return new(crl.Number, path, $"CRL number {crl.Number} published to {path}", Failed: false);
        }
        catch (CertwrightException e)
        {
            return new(null, null, $"warning: CRL not published: {e.Message.TrimEnd('.')}; {later}", Failed: true);
        }
    }
}
