using Microsoft.Extensions.Logging;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>The responder's log messages (none on the hot path).</summary>
internal static partial class OcspLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "OCSP: CA '{Authority}' served, {Count} answers pre-signed, signer {Signer}")]
    public static partial void AuthorityReady(ILogger logger, string authority, int count, string signer);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "OCSP: CA '{Authority}' delegated signing certificate renewed, valid until {NotAfter:u}")]
    public static partial void SignerRenewed(ILogger logger, string authority, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "OCSP: answering a request failed; answered internalError")]
    public static partial void RequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "OCSP: refreshing from the store failed; cached answers stay in use until the next poll")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
