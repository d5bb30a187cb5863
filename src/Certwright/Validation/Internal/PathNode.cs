namespace Certwright.Validation.Internal;

/// <summary>A certificate placed in a candidate path, with where it came from.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Source">Target, presented, extra or trust store.</param>
/// <param name="Position">Position in the presented chain (0 = target), or -1.</param>
internal sealed record PathNode(ParsedCertificate Certificate, CertificateSource Source, int Position)
{
    public bool IsAnchor => Source == CertificateSource.TrustStore;
}

/// <summary>A candidate path, leaf first; complete when it ends at a trust anchor.</summary>
internal sealed record CandidatePath(IReadOnlyList<PathNode> Nodes, bool IsComplete);
