namespace Certwright.Acme.Server.Internal;

/// <summary>A request the ACME server refuses; becomes a problem document (never an HTTP 500).</summary>
internal sealed class AcmeProblemException(AcmeProblem problem) : Exception(problem.Detail)
{
    public AcmeProblem Problem { get; } = problem;

    /// <summary>A Location header to send with the problem (keyChange conflict: the account holding the key).</summary>
    public string? Location { get; init; }

    /// <summary>Retry-After seconds to send with the problem (rateLimited).</summary>
    public long? RetryAfterSeconds { get; init; }

    public static AcmeProblemException Malformed(string detail) => new(new("malformed", detail, 400));

    public static AcmeProblemException NotFound(string detail) => new(new("malformed", detail, 404));

    public static AcmeProblemException Unauthorized(string detail) => new(new("unauthorized", detail, 403));

    public static AcmeProblemException BadNonce(string detail) => new(new("badNonce", detail, 400));

    public static AcmeProblemException BadCsr(string detail) => new(new("badCSR", detail, 400));

    public static AcmeProblemException Rejected(string detail) => new(new("rejectedIdentifier", detail, 400));

    public static AcmeProblemException Of(string type, string detail, int status) => new(new(type, detail, status));
}
