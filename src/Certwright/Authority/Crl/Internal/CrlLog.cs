using Microsoft.Extensions.Logging;

namespace Certwright.Authority.Crl.Internal;

/// <summary>The CRL refresher's log messages.</summary>
internal static partial class CrlLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "CRL: CA '{Authority}' published CRL number {Number} with {Entries} entries, next update {NextUpdate:u}")]
    public static partial void Published(ILogger logger, string authority, long number, int entries, DateTimeOffset nextUpdate);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "CRL: publishing for CA '{Authority}' failed; the current CRL stays served and publishing is retried at the next poll")]
    public static partial void PublishFailed(ILogger logger, string authority, Exception exception);
}
