using System.Net;
using System.Security.Cryptography.X509Certificates;
using Certwright.Acme.Client.Challenges;
using Certwright.Acme.Protocol;
using Certwright.Renewal;
using Certwright.Keys;
using Certwright.Renewal.Deploy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Certwright.Acme.Client;

/// <summary>
/// An ACME CA as a <see cref="ICertificateSource"/>: registers (or finds) the account kept in
/// <see cref="AcmeSourceOptions.AccountDirectory"/>, orders, answers the challenges, and asks for renewal information.
/// </summary>
public sealed class AcmeCertificateSource : ICertificateSource, IDisposable
{
    private readonly AcmeSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AcmeAccountStore _store;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly Lazy<AcmeAccountKey> _infoKey;
    private readonly Lazy<AcmeClient> _infoClient;

    /// <param name="options">The CA, the account directory and the challenge.</param>
    /// <param name="timeProvider">For every wait and time limit.</param>
    /// <param name="httpClient">The transport; null builds one trusting <see cref="AcmeSourceOptions.CaFile"/> (owned and disposed).</param>
    /// <param name="logger">Orders, validations and retries; null for none.</param>
    /// <exception cref="CertwrightException">Usage: the options are not usable (every problem is listed).</exception>
    public AcmeCertificateSource(AcmeSourceOptions options, TimeProvider timeProvider, HttpClient? httpClient = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new CertwrightException(ErrorKind.Usage, string.Join("; ", errors));
        }

        _options = options;
        _time = timeProvider;
        _store = new AcmeAccountStore(options.AccountDirectory);
        _logger = logger ?? NullLogger.Instance;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? AcmeHttpClientFactory.Create(options.CaFile, ClientOptions.RequestTimeout);
        // renewalInfo is a plain GET: no account is needed, so none is created (or read) just to ask. One client for every
        // certificate of this source, so its directory is fetched once per run, not once per certificate.
        _infoKey = new Lazy<AcmeAccountKey>(() => AcmeAccountKey.Generate(KeyType.EcP256));
        _infoClient = new Lazy<AcmeClient>(() => new AcmeClient(ClientOptions, _http, _infoKey.Value, _time, _logger));
    }

    public string Description => $"acme {_options.DirectoryUrl}";

    private AcmeClientOptions ClientOptions => (_options.Client ?? new AcmeClientOptions { DirectoryUrl = _options.DirectoryUrl }) with { DirectoryUrl = _options.DirectoryUrl };

    public async Task<CertificateBundle> ObtainAsync(CertificateOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Domains.Count == 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"managed certificate '{order.ManagedName}' has no domain to order");
        }

        // One order at a time per source: the built-in listeners own their port for the whole order.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var key = await LoadAccountKeyAsync(cancellationToken);
            var client = await ConnectAsync(key, forgetStored: false, cancellationToken);
            await using var responder = CreateResponder();
            var replaces = await ReplacesAsync(client, order, cancellationToken);
            try
            {
                return await AcmeOrderProcess.RunAsync(client, responder, order, replaces, _options.PreferredChain, cancellationToken);
            }
            catch (AcmeProtocolException e) when (replaces is not null && e.Problem.Type == AcmeProblemTypes.AlreadyReplaced)
            {
                // The certificate was already renewed once (a run interrupted before its state was saved): order afresh.
                return await AcmeOrderProcess.RunAsync(client, responder, order, replaces: null, _options.PreferredChain, cancellationToken);
            }
            catch (AcmeProtocolException e) when (e.Problem.Type == AcmeProblemTypes.AccountDoesNotExist)
            {
                // The CA forgot the stored account (a reset test CA, an account deleted by the CA): register again, once.
                AcmeLog.AccountGone(_logger, client.AccountUrl!, _options.DirectoryUrl);
                client = await ConnectAsync(key, forgetStored: true, cancellationToken);
                return await AcmeOrderProcess.RunAsync(client, responder, order, replaces: null, _options.PreferredChain, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The ARI certID of the certificate being renewed, when the CA offers renewalInfo (RFC 9773 'replaces').</summary>
    private static async Task<string?> ReplacesAsync(AcmeClient client, CertificateOrder order, CancellationToken cancellationToken)
    {
        if (order.CurrentLeaf is null || (await client.GetDirectoryAsync(cancellationToken)).RenewalInfo is null)
        {
            return null;
        }

        using var current = X509CertificateLoader.LoadCertificate(order.CurrentLeaf);
        return AcmeCertificateId.FromCertificate(current);
    }

    public async Task<RenewalWindow?> SuggestRenewalWindowAsync(byte[] currentLeafDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentLeafDer);
        using var certificate = X509CertificateLoader.LoadCertificate(currentLeafDer);
        return await _infoClient.Value.GetRenewalInfoAsync(certificate, cancellationToken);
    }

    /// <summary>Revokes a certificate this source's account obtained (RFC 5280 reason code, e.g. 4 superseded), signed by the account key.</summary>
    public async Task RevokeAsync(byte[] leafDer, int? reason, CancellationToken cancellationToken)
    {
        using var key = await LoadAccountKeyAsync(cancellationToken);
        var client = await ConnectAsync(key, forgetStored: false, cancellationToken);
        await client.RevokeAsync(leafDer, reason, cancellationToken);
    }

    /// <summary>Revokes a certificate by proving possession of its key (PKCS#8), without the account; e.g. after a key compromise.</summary>
    public async Task RevokeWithCertificateKeyAsync(byte[] leafDer, byte[] privateKeyPkcs8, int? reason, CancellationToken cancellationToken)
    {
        using var certificateKey = AcmeAccountKey.ImportPkcs8(privateKeyPkcs8, "certificate key");
        var client = new AcmeClient(ClientOptions, _http, certificateKey, _time, _logger);
        await client.RevokeWithCertificateKeyAsync(leafDer, certificateKey, reason, cancellationToken);
    }

    /// <summary>
    /// Replaces the account key with a new one of <see cref="AcmeSourceOptions.AccountKeyType"/> (RFC 8555 key change) and
    /// stores it; returns the new key's JWK thumbprint.
    /// </summary>
    public async Task<string> RollOverAccountKeyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var oldKey = await LoadAccountKeyAsync(cancellationToken);
            var client = await ConnectAsync(oldKey, forgetStored: false, cancellationToken);
            using var newKey = AcmeAccountKey.Generate(_options.AccountKeyType);
            // The new key is on disk before the CA switches to it, so a crash or a full disk cannot lose the account.
            await _store.SavePendingKeyAsync(newKey, cancellationToken);
            try
            {
                await client.ChangeKeyAsync(newKey, cancellationToken);
            }
            catch (AcmeProtocolException)
            {
                // The CA answered with a problem: it kept the old key. Any other failure (a time-out, a lost connection)
                // may have come after the CA switched, so the pending key stays for LoadAccountKeyAsync to settle.
                _store.DiscardPendingKey();
                throw;
            }

            _store.CommitPendingKey();
            var thumbprint = newKey.Jwk.Thumbprint();
            AcmeLog.KeyRolledOver(_logger, thumbprint);
            return thumbprint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The account key, after settling a key change left unfinished (the process died, or lost the CA's answer): the
    /// pending key becomes the account key when the CA knows the account by it, and is discarded otherwise.
    /// </summary>
    private async Task<AcmeAccountKey> LoadAccountKeyAsync(CancellationToken cancellationToken)
    {
        using (var pending = await _store.LoadPendingKeyAsync(cancellationToken))
        {
            if (pending is not null)
            {
                var account = await new AcmeClient(ClientOptions, _http, pending, _time, _logger).FindAccountAsync(cancellationToken);
                if (account is not null)
                {
                    _store.CommitPendingKey();
                    await _store.SaveAccountUrlAsync(_options.DirectoryUrl, account.Url, cancellationToken);
                }
                else
                {
                    _store.DiscardPendingKey();
                }

                AcmeLog.PendingKeySettled(_logger, account is not null, _options.DirectoryUrl);
            }
        }

        return await _store.LoadOrCreateKeyAsync(_options.AccountKeyType, cancellationToken);
    }

    private async Task<AcmeClient> ConnectAsync(AcmeAccountKey key, bool forgetStored, CancellationToken cancellationToken)
    {
        var client = new AcmeClient(ClientOptions, _http, key, _time, _logger);
        var stored = forgetStored ? null : await _store.ReadAccountUrlAsync(_options.DirectoryUrl, cancellationToken);
        if (stored is not null)
        {
            client.AccountUrl = stored;
            return client;
        }

        var binding = string.IsNullOrWhiteSpace(_options.EabKeyId) ? null : AcmeExternalAccountBinding.Parse(_options.EabKeyId, _options.EabHmacKey!);
        var account = await client.FindAccountAsync(cancellationToken)
            ?? await client.CreateAccountAsync(_options.Email is null ? [] : [_options.Email], binding, cancellationToken);
        await _store.SaveAccountUrlAsync(_options.DirectoryUrl, account.Url, cancellationToken);
        return client;
    }

    private IChallengeResponder CreateResponder() => _options.Challenge switch
    {
        AcmeChallenge.Dns01 => new Dns01Hook(_options.DnsHook!, _options.DnsHookTimeout),
        AcmeChallenge.TlsAlpn01 => new TlsAlpn01Listener(new IPEndPoint(_options.ListenAddress, _options.TlsPort), _time),
        _ when _options.Webroot is not null => new Http01Webroot(_options.Webroot),
        _ => new Http01Listener(new IPEndPoint(_options.ListenAddress, _options.HttpPort)),
    };

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        _gate.Dispose();
        if (_infoKey.IsValueCreated)
        {
            _infoKey.Value.Dispose();
        }
    }
}
