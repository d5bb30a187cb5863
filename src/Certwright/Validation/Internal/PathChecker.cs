using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Validation.Internal;

/// <summary>
/// Evaluates one candidate path completely and collects every problem: each certificate on its own,
/// each issuer-to-subject link, the leaf's purpose and name, and the RFC 5280 6.1 state machine
/// (path length, name constraints, policies) from the trust anchor down.
/// </summary>
internal static class PathChecker
{
    public static ErrorSink Check(CandidatePath path, ValidationContext context)
    {
        var sink = new ErrorSink(context.WebPki);
        var nodes = path.Nodes;
        for (var depth = 0; depth < nodes.Count; depth++)
        {
            CertificateChecks.Check(nodes[depth], depth, depth == 0, context, sink);
        }

        for (var depth = 0; depth < nodes.Count - 1; depth++)
        {
            CheckLink(nodes[depth].Certificate, nodes[depth + 1], depth, context, sink);
        }

        LeafChecks.Check(nodes[0].Certificate, context, sink);

        if (path.IsComplete)
        {
            RunStateMachine(nodes, context, sink);
        }
        else
        {
            ExplainIncomplete(nodes, context, sink);
        }

        return sink;
    }

    private static void CheckLink(ParsedCertificate child, PathNode issuerNode, int childDepth, ValidationContext context, ErrorSink sink)
    {
        var issuer = issuerNode.Certificate;
        var issuerDepth = childDepth + 1;
        if (issuer.Version < 3)
        {
            if (!issuerNode.IsAnchor)
            {
                sink.Error(issuerDepth, FindingCodes.InvalidBasicConstraints, issuer, $"is a v{issuer.Version} certificate and cannot be an intermediate CA (RFC 5280 6.1.4 (k))");
            }
        }
        else if (issuer.BasicConstraints is null)
        {
            sink.Error(issuerDepth, FindingCodes.InvalidBasicConstraints, issuer, "issues certificates but has no basicConstraints extension (RFC 5280 6.1.4 (k))");
        }
        else if (!issuer.BasicConstraints.IsCertificateAuthority)
        {
            sink.Error(issuerDepth, FindingCodes.InvalidBasicConstraints, issuer, "issues certificates but its basicConstraints says cA=FALSE (RFC 5280 6.1.4 (k))");
        }

        if (issuer.KeyUsage is { } usage && !usage.HasFlag(KeyUsageBits.KeyCertSign))
        {
            sink.Error(issuerDepth, FindingCodes.InvalidKeyUsage, issuer, $"issues certificates but its keyUsage ({usage}) lacks keyCertSign (RFC 5280 6.1.4 (n))");
        }

        if (!PurposeRules.IssuerAllows(issuer, context.Purpose))
        {
            sink.Error(issuerDepth, FindingCodes.WrongPurpose, issuer,
                $"its extKeyUsage does not include {PurposeRules.Describe(context.Purpose)}, so it cannot issue {PurposeRules.Describe(context.Purpose)} certificates");
        }

        var algorithm = SignatureAlgorithms.Resolve(child.SignatureAlgorithm);
        switch (context.Verifier.Verify(child, issuer))
        {
            case SignatureOutcome.Invalid:
                sink.Error(childDepth, FindingCodes.BadSignature, child, $"its {algorithm.Name} signature does not verify with the key of {issuer.Display}");
                break;
            case SignatureOutcome.KeyMismatch:
                sink.Error(childDepth, FindingCodes.BadSignature, child, $"is signed with {algorithm.Name} but its issuer {issuer.Display} has a {issuer.PublicKey} key");
                break;
            case SignatureOutcome.Unsupported:
                sink.Error(childDepth, FindingCodes.BadSignature, child, $"its signature cannot be verified: {algorithm.Problem ?? $"{algorithm.Name} is not supported"}");
                break;
        }

        if (algorithm.Strength == AlgorithmStrength.Broken)
        {
            sink.Error(childDepth, FindingCodes.WeakSignatureAlgorithm, child, $"is signed with {algorithm.Name}, which is broken");
        }
        else if (algorithm.Strength == AlgorithmStrength.Weak)
        {
            // SHA-1 has its own code: it is what audits look for and what reissuing fixes.
            var code = algorithm.Hash == HashAlgorithmName.SHA1 ? FindingCodes.Sha1Signature : FindingCodes.WeakSignatureAlgorithm;
            sink.WebPkiError(childDepth, code, child, $"is signed with {algorithm.Name}, which the CA/B Forum no longer allows");
        }
    }

    /// <summary>RFC 5280 6.1.2-6.1.5 from the anchor down: path length, name constraints and policies.</summary>
    private static void RunStateMachine(IReadOnlyList<PathNode> nodes, ValidationContext context, ErrorSink sink)
    {
        var anchor = nodes[^1].Certificate;
        var n = nodes.Count - 1;
        if (n == 0)
        {
            return; // The target is itself trusted.
        }

        var constraints = new List<(NameConstraintsValue Value, ParsedCertificate Owner)>();
        AddConstraints(anchor, n, constraints, context, sink);
        var maxPathLength = anchor.AssertsCa && anchor.BasicConstraints!.PathLengthConstraint is int anchorLimit ? anchorLimit : int.MaxValue;
        var policy = new PolicyProcessor(context.Options, n);
        var policyReported = false;

        for (var index = 1; index <= n; index++)
        {
            var depth = n - index;
            var certificate = nodes[depth].Certificate;
            var isLeaf = depth == 0;

            if (!certificate.IsSelfIssued || isLeaf)
            {
                foreach (var (value, owner) in constraints)
                {
                    foreach (var violation in NameConstraintChecker.Violations(certificate, isLeaf, value))
                    {
                        sink.Error(depth, FindingCodes.NameConstraintViolation, certificate, $"{violation} in the nameConstraints of {owner.Display}");
                    }
                }
            }

            policy.Process(certificate, index, isLeaf);
            if (!policyReported && policy.ExplicitPolicyFailed)
            {
                sink.Error(depth, FindingCodes.PolicyViolation, certificate, "an explicit certificate policy is required here, but no acceptable policy is left (RFC 5280 6.1.3 (f))");
                policyReported = true;
            }

            if (isLeaf)
            {
                break;
            }

            if (policy.PrepareNext(certificate, index) is { } policyProblem)
            {
                sink.Error(depth, FindingCodes.PolicyViolation, certificate, policyProblem);
            }

            AddConstraints(certificate, depth, constraints, context, sink);
            if (!certificate.IsSelfIssued)
            {
                if (maxPathLength <= 0)
                {
                    sink.Error(depth, FindingCodes.PathLengthExceeded, certificate, "is an intermediate CA below a pathLenConstraint that allows no more (RFC 5280 6.1.4 (l))");
                }

                maxPathLength--;
            }

            if (certificate.BasicConstraints?.PathLengthConstraint is int limit && limit < maxPathLength)
            {
                maxPathLength = limit;
            }
        }

        if (!policy.WrapUp(nodes[0].Certificate) && !policyReported)
        {
            sink.Error(0, FindingCodes.PolicyViolation, nodes[0].Certificate, "no certificate policy acceptable to the caller is valid for this path (RFC 5280 6.1.5 (g))");
        }
    }

    private static void AddConstraints(ParsedCertificate certificate, int depth, List<(NameConstraintsValue, ParsedCertificate)> constraints, ValidationContext context, ErrorSink sink)
    {
        if (certificate.NameConstraints is not { } value)
        {
            return;
        }

        if (NameConstraintChecker.Validate(value, context.WebPki) is { } problem)
        {
            sink.Error(depth, FindingCodes.NameConstraintViolation, certificate, $"its nameConstraints are malformed: {problem}");
            return;
        }

        constraints.Add((value, certificate));
    }

    private static void ExplainIncomplete(IReadOnlyList<PathNode> nodes, ValidationContext context, ErrorSink sink)
    {
        var depth = nodes.Count - 1;
        var last = nodes[depth].Certificate;
        var selfSigned = last.IsSelfIssued && context.Verifier.Verify(last, last) == SignatureOutcome.Valid;
        if (selfSigned && depth == 0)
        {
            sink.Error(0, FindingCodes.SelfSigned, last, "is self-signed and not a trust anchor (add it to the CA file to trust it)");
        }
        else if (selfSigned)
        {
            sink.Error(depth, FindingCodes.UntrustedRoot, last, $"is a self-signed root that is not in the trust store ({context.TrustStore.Source})");
        }
        else if (nodes.Count >= context.Options.MaxPathLength)
        {
            sink.Error(depth, FindingCodes.PathLengthExceeded, last, $"no trust anchor within {context.Options.MaxPathLength} certificates");
        }
        else
        {
            sink.Error(depth, FindingCodes.IncompleteChain, last, $"its issuer '{last.Issuer}' was not presented and is not a trust anchor");
        }
    }
}
