using Microsoft.Extensions.Logging;

namespace Certwright.Acme.Client;

/// <summary>The ACME client's log messages (EventIds 53xx). Never logs keys, EAB MAC keys or key authorizations.</summary>
internal static partial class AcmeLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "ACME: account {Account} at {Directory} ({State})")]
    public static partial void Account(ILogger logger, Uri account, Uri directory, string state);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "ACME: order {Order} placed for {Domains}")]
    public static partial void OrderPlaced(ILogger logger, Uri order, string domains);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "ACME: {Domain} validated with {Challenge}")]
    public static partial void Validated(ILogger logger, string domain, string challenge);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "ACME: {Method} {Url} failed ({Reason}); attempt {Attempt}, retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, Uri url, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Debug, Message = "ACME: {Url} rejected the nonce; signing again with a fresh one")]
    public static partial void BadNonce(ILogger logger, Uri url);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Information, Message = "ACME: certificate issued for {Domains}, {Certificates} certificates in the chain")]
    public static partial void Issued(ILogger logger, string domains, int certificates);

    [LoggerMessage(EventId = 5307, Level = LogLevel.Information, Message = "ACME: account key rolled over; new key thumbprint {Thumbprint}")]
    public static partial void KeyRolledOver(ILogger logger, string thumbprint);

    [LoggerMessage(EventId = 5308, Level = LogLevel.Warning, Message = "ACME: stored account {Account} is unknown to {Directory}; registering again")]
    public static partial void AccountGone(ILogger logger, Uri account, Uri directory);

    [LoggerMessage(EventId = 5309, Level = LogLevel.Warning, Message = "ACME: settled an unfinished account key change at {Directory}: new key kept = {Kept}")]
    public static partial void PendingKeySettled(ILogger logger, bool kept, Uri directory);
}
