using Microsoft.Extensions.Logging;

namespace Certwright.Acme.Server.Internal;

/// <summary>The ACME server's log messages (EventIds 5200-5299).</summary>
internal static partial class AcmeServerLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "ACME: CA '{Authority}' account {Account} created")]
    public static partial void AccountCreated(ILogger logger, string authority, string account);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "ACME: CA '{Authority}' order {Order} http-01 for '{Name}' valid")]
    public static partial void ChallengeValid(ILogger logger, string authority, string order, string name);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "ACME: CA '{Authority}' order {Order} http-01 for '{Name}' failed: {Detail}")]
    public static partial void ChallengeInvalid(ILogger logger, string authority, string order, string name, string detail);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "ACME: CA '{Authority}' order {Order} issued serial {Serial} for {Names}")]
    public static partial void Issued(ILogger logger, string authority, string order, string serial, string names);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "ACME: CA '{Authority}' revoked serial {Serial} ({Reason})")]
    public static partial void Revoked(ILogger logger, string authority, string serial, string reason);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Error, Message = "ACME: a request to {Path} failed; answered serverInternal")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Error, Message = "ACME: recording the http-01 result of order {Order} failed")]
    public static partial void ValidationRecordFailed(ILogger logger, Exception exception, string order);
}
