using System.Text;
using System.Text.Json;
using Certwright.Acme.Protocol;
using Certwright.Authority;
using Microsoft.Extensions.Logging;

namespace Certwright.Acme.Server.Internal;

/// <summary>What the ACME handlers share: stores, clock, options, nonces, logger and the per-order locks.</summary>
internal sealed class AcmeServices(IAcmeStore store, IAuthorityStore ledger, AcmeServerOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim[] _orderLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public IAcmeStore Store { get; } = store;

    public IAuthorityStore Ledger { get; } = ledger;

    public AcmeServerOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public AcmeNonces Nonces { get; } = new(options.NonceCapacity);

    /// <summary>Serialises read-modify-write of one order (challenge answers, validation results, finalize).</summary>
    public async Task<IDisposable> LockOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var gate = _orderLocks[(uint)StringComparer.Ordinal.GetHashCode(orderId) % (uint)_orderLocks.Length];
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

/// <summary>One request addressed to one CA's ACME resources.</summary>
/// <param name="Ca">The CA named in the path.</param>
/// <param name="Urls">That CA's resource URLs, as the client addressed the server.</param>
/// <param name="Request">The request.</param>
/// <param name="Resource">The path after <c>/acme/{ca}/</c>.</param>
internal sealed record AcmeCall(AcmeCa Ca, AcmeUrls Urls, AcmeRequest Request, string Resource);

/// <summary>
/// A verified request JWS (the wire format is <see cref="Protocol.JwsVerifier"/>'s): its payload, its key, and the account when it
/// was signed with a kid.
/// </summary>
internal sealed class AcmeSigned(DecodedJws jws, AcmeJwk key, AcmeAccount? account)
{
    public DecodedJws Jws { get; } = jws;

    public AcmeJwk Key { get; } = key;

    public AcmeAccount? Account { get; } = account;

    /// <summary>The kid's account; the handlers that take a jwk never call it.</summary>
    public AcmeAccount RequiredAccount => Account ?? throw AcmeProblemException.Malformed("this resource needs a JWS signed with the account URL as 'kid'");

    public bool IsPostAsGet => Jws.IsPostAsGet;

    /// <summary>RFC 7638 thumbprint of the key, base64url.</summary>
    public string Thumbprint => Key.Thumbprint();

    /// <summary>The key's RFC 7638 canonical JSON: how accounts store it.</summary>
    public string CanonicalJwk => Encoding.UTF8.GetString(JwkCanonical.Encode(Key));

    public byte[] SubjectPublicKeyInfo()
    {
        using var publicKey = Key.ToPublicKey();
        return publicKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The payload as a JSON object.</summary>
    /// <exception cref="AcmeProblemException">malformed when it is not one.</exception>
    public JsonDocument PayloadJson() => AcmePayload.Parse(Jws.Payload);
}
