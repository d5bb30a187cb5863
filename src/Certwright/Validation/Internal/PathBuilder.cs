using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>
/// Builds candidate paths from the target towards the trust anchors, depth first with backtracking
/// (RFC 4158): issuers are matched by name (RFC 5280 7.1), tried in order of key identifier match,
/// anchor first, currently valid first, presented before extra. Loops are cut by fingerprint and by
/// (subject, key) pairs; depth and work are bounded.
/// </summary>
internal sealed class PathBuilder
{
    private readonly ValidationContext _context;
    private int _expansionsLeft;

    public PathBuilder(ValidationContext context)
    {
        _context = context;
        _expansionsLeft = context.Options.MaxCandidatePaths * 32;
    }

    /// <summary>
    /// Candidate paths. With <paramref name="strict"/>, only edges that pass the local checks are followed
    /// (a fast search for a valid path); otherwise every name-chained edge is, and dead ends are returned
    /// as incomplete paths, so the best failing path can be reported.
    /// </summary>
    public IEnumerable<CandidatePath> Enumerate(bool strict)
    {
        var target = _context.Target;
        if (_context.TrustStore.Contains(target.Certificate))
        {
            yield return new CandidatePath([target with { Source = CertificateSource.TrustStore }], true);
        }

        var path = new List<PathNode> { target };
        foreach (var candidate in Extend(path, strict))
        {
            yield return candidate;
        }
    }

    private IEnumerable<CandidatePath> Extend(List<PathNode> path, bool strict)
    {
        var current = path[^1];
        var followed = false;
        if (path.Count < _context.Options.MaxPathLength)
        {
            foreach (var issuer in IssuerCandidates(current.Certificate, path))
            {
                if (--_expansionsLeft < 0)
                {
                    yield break;
                }

                if (strict && !IsLocallyValid(current.Certificate, issuer))
                {
                    continue;
                }

                followed = true;
                path.Add(issuer);
                if (issuer.IsAnchor)
                {
                    yield return new CandidatePath(path.ToArray(), true);
                }
                else
                {
                    foreach (var candidate in Extend(path, strict))
                    {
                        yield return candidate;
                    }
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        if (!followed && !strict)
        {
            yield return new CandidatePath(path.ToArray(), false);
        }
    }

    private IEnumerable<PathNode> IssuerCandidates(ParsedCertificate child, List<PathNode> path)
    {
        var candidates = new List<PathNode>();
        foreach (var anchor in _context.TrustStore.FindBySubject(child.Issuer))
        {
            candidates.Add(new PathNode(anchor, CertificateSource.TrustStore, -1));
        }

        if (_context.Pool.TryGetValue(child.Issuer.Key, out var pooled))
        {
            candidates.AddRange(pooled);
        }

        return candidates
            .Where(c => !path.Exists(p => p.Certificate.Sha256 == c.Certificate.Sha256
                || (p.Certificate.SpkiSha256 == c.Certificate.SpkiSha256 && p.Certificate.Subject.Key == c.Certificate.Subject.Key)))
            .OrderBy(c => KeyIdScore(child, c.Certificate))
            .ThenBy(c => c.IsAnchor ? 0 : 1)
            .ThenBy(c => _context.IsValidAt(c.Certificate) ? 0 : 1)
            .ThenBy(c => c.Source == CertificateSource.Presented ? 0 : 1)
            .ThenBy(c => c.Position)
            .ToList();
    }

    private static int KeyIdScore(ParsedCertificate child, ParsedCertificate issuer)
    {
        var keyId = child.AuthorityKeyId?.KeyId;
        if (keyId is null || issuer.SubjectKeyId is null)
        {
            return 1;
        }

        return keyId.AsSpan().SequenceEqual(issuer.SubjectKeyId) ? 0 : 2;
    }

    /// <summary>The checks that depend only on one issuer-child link; a failing link cannot be in a valid path.</summary>
    private bool IsLocallyValid(ParsedCertificate child, PathNode issuerNode)
    {
        var issuer = issuerNode.Certificate;
        var canIssue = issuer.AssertsCa || (issuerNode.IsAnchor && issuer.Version < 3);
        if (!canIssue || issuer.KeyUsage is { } usage && !usage.HasFlag(KeyUsageBits.KeyCertSign))
        {
            return false;
        }

        if (!_context.IsValidAt(issuer) || issuer.UnknownCriticalExtensions.Count > 0)
        {
            return false;
        }

        if (issuer.Defects.Any(d => (!d.WebPkiOnly || _context.WebPki) && !(d.AnchorExempt && issuerNode.IsAnchor)))
        {
            return false;
        }

        var strength = SignatureAlgorithms.Resolve(child.SignatureAlgorithm).Strength;
        if (strength == AlgorithmStrength.Broken || (strength == AlgorithmStrength.Weak && _context.WebPki))
        {
            return false;
        }

        if (!PurposeRules.IssuerAllows(issuer, _context.Purpose))
        {
            return false;
        }

        return _context.Verifier.Verify(child, issuer) == SignatureOutcome.Valid;
    }
}
