namespace Certwright.Validation;

/// <summary>One certificate to validate, with what was presented alongside it.</summary>
public sealed record ChainValidationRequest
{
    /// <summary>DER of the certificate to validate (the leaf).</summary>
    public required ReadOnlyMemory<byte> Target { get; init; }

    /// <summary>
    /// DER of the certificates presented with the target, in the order presented (a TLS server's chain
    /// after its leaf, or the <c>--chain</c> file). May be empty, and may hold junk, duplicates and unrelated certificates.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Intermediates { get; init; } = [];

    /// <summary>
    /// Intermediates known from elsewhere (not presented). A path that needs one is valid but reported
    /// <c>incomplete-chain</c>: the server should send it.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> ExtraIntermediates { get; init; } = [];

    /// <summary>The trust anchors; build once and share.</summary>
    public required TrustStore TrustStore { get; init; }

    /// <summary>The time to validate at (from the caller's TimeProvider, or <c>--at</c>).</summary>
    public required DateTimeOffset ValidationTime { get; init; }

    /// <summary>The DNS name or IP address literal the target must be valid for; null skips the check.</summary>
    public string? ExpectedHost { get; init; }

    public ValidationPurpose Purpose { get; init; } = ValidationPurpose.Server;

    public ChainValidationOptions Options { get; init; } = ChainValidationOptions.Default;
}
