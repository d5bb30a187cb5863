using Certwright.Certificates;

namespace Certwright.Validation.Internal;

/// <summary>
/// RFC 5280 6.1 certificate policy processing, with the valid_policy_tree kept as the policy graph of
/// RFC 9618 (one node per policy per depth, several parents), which gives the same answers without the
/// tree's exponential growth. Supports the user inputs user-initial-policy-set, initial-explicit-policy,
/// initial-policy-mapping-inhibit and initial-any-policy-inhibit.
/// </summary>
internal sealed class PolicyProcessor
{
    private readonly IReadOnlyList<string> _userPolicies;
    private List<Dictionary<string, Node>>? _levels;
    private int _explicitPolicy;
    private int _inhibitAnyPolicy;
    private int _policyMapping;

    public PolicyProcessor(ChainValidationOptions options, int pathLength)
    {
        _userPolicies = options.InitialPolicies;
        _explicitPolicy = options.InitialExplicitPolicy ? 0 : pathLength + 1;
        _inhibitAnyPolicy = options.InitialAnyPolicyInhibit ? 0 : pathLength + 1;
        _policyMapping = options.InitialPolicyMappingInhibit ? 0 : pathLength + 1;
        _levels = [new Dictionary<string, Node>(StringComparer.Ordinal) { [Oids.AnyPolicy] = new Node(Oids.AnyPolicy, [Oids.AnyPolicy], []) }];
    }

    /// <summary>6.1.3 (f): explicit policy is required and no policy is left.</summary>
    public bool ExplicitPolicyFailed => _explicitPolicy == 0 && _levels is null;

    /// <summary>6.1.3 (d) and (e) for certificate <paramref name="index"/> (1-based, the leaf is last).</summary>
    public void Process(ParsedCertificate certificate, int index, bool isLast)
    {
        if (_levels is null)
        {
            return;
        }

        if (certificate.Policies is not { } policies)
        {
            _levels = null;
            return;
        }

        var previous = _levels[index - 1];
        var current = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var policy in policies.Where(p => p != Oids.AnyPolicy))
        {
            var parents = previous.Values.Where(n => n.Expected.Contains(policy)).ToList();
            if (parents.Count == 0 && previous.TryGetValue(Oids.AnyPolicy, out var any))
            {
                parents.Add(any);
            }

            if (parents.Count > 0)
            {
                current[policy] = new Node(policy, [policy], parents);
            }
        }

        if (policies.Contains(Oids.AnyPolicy) && (_inhibitAnyPolicy > 0 || (!isLast && certificate.IsSelfIssued)))
        {
            var explicitlyNamed = current.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var node in previous.Values)
            {
                foreach (var expected in node.Expected.Where(e => !explicitlyNamed.Contains(e)))
                {
                    if (current.TryGetValue(expected, out var existing))
                    {
                        existing.Parents.Add(node);
                    }
                    else
                    {
                        current[expected] = new Node(expected, [expected], [node]);
                    }
                }
            }
        }

        _levels.Add(current);
        Prune(index);
    }

    /// <summary>6.1.4 (a), (b), (h), (i), (j) before moving from certificate <paramref name="index"/> to the next; returns a problem or null.</summary>
    public string? PrepareNext(ParsedCertificate certificate, int index)
    {
        string? problem = null;
        if (certificate.PolicyMappings is { } mappings)
        {
            if (mappings.Any(m => m.IssuerDomainPolicy == Oids.AnyPolicy || m.SubjectDomainPolicy == Oids.AnyPolicy))
            {
                problem = "policyMappings maps to or from anyPolicy (RFC 5280 6.1.4 (a))";
            }
            else if (_levels is not null)
            {
                ApplyMappings(mappings, index);
            }
        }

        if (!certificate.IsSelfIssued)
        {
            _explicitPolicy = Math.Max(0, _explicitPolicy - 1);
            _policyMapping = Math.Max(0, _policyMapping - 1);
            _inhibitAnyPolicy = Math.Max(0, _inhibitAnyPolicy - 1);
        }

        if (certificate.PolicyConstraints is { } constraints)
        {
            if (constraints.RequireExplicitPolicy is int require && require < _explicitPolicy)
            {
                _explicitPolicy = require;
            }

            if (constraints.InhibitPolicyMapping is int inhibit && inhibit < _policyMapping)
            {
                _policyMapping = inhibit;
            }
        }

        if (certificate.InhibitAnyPolicy is int skip && skip < _inhibitAnyPolicy)
        {
            _inhibitAnyPolicy = skip;
        }

        return problem;
    }

    /// <summary>6.1.5 wrap-up for the last certificate: true when policy processing succeeded.</summary>
    public bool WrapUp(ParsedCertificate leaf)
    {
        if (_explicitPolicy > 0)
        {
            _explicitPolicy--;
        }

        if (leaf.PolicyConstraints?.RequireExplicitPolicy == 0)
        {
            _explicitPolicy = 0;
        }

        return _explicitPolicy > 0 || UserConstrainedSetIsNonEmpty();
    }

    private void ApplyMappings(IReadOnlyList<PolicyMappingValue> mappings, int index)
    {
        var current = _levels![index];
        foreach (var group in mappings.GroupBy(m => m.IssuerDomainPolicy, StringComparer.Ordinal))
        {
            var targets = group.Select(m => m.SubjectDomainPolicy).ToHashSet(StringComparer.Ordinal);
            if (_policyMapping > 0)
            {
                if (current.TryGetValue(group.Key, out var node))
                {
                    node.Expected = targets;
                }
                else if (current.TryGetValue(Oids.AnyPolicy, out var any))
                {
                    current[group.Key] = new Node(group.Key, targets, [.. any.Parents]);
                }
            }
            else
            {
                current.Remove(group.Key);
            }
        }

        if (_policyMapping == 0)
        {
            Prune(index);
        }
    }

    /// <summary>Removes nodes above depth <paramref name="depth"/> that have no children; the graph becomes NULL when nothing is left.</summary>
    private void Prune(int depth)
    {
        for (var level = depth - 1; level >= 0; level--)
        {
            var referenced = _levels![level + 1].Values.SelectMany(n => n.Parents).ToHashSet();
            foreach (var key in _levels[level].Where(kv => !referenced.Contains(kv.Value)).Select(kv => kv.Key).ToList())
            {
                _levels[level].Remove(key);
            }
        }

        if (_levels![0].Count == 0 || _levels[depth].Count == 0)
        {
            _levels = null;
        }
    }

    /// <summary>6.1.5 (g): intersects the graph with user-initial-policy-set and says whether anything is left.</summary>
    private bool UserConstrainedSetIsNonEmpty()
    {
        if (_levels is null)
        {
            return false;
        }

        if (_userPolicies.Count == 0 || _userPolicies.Contains(Oids.AnyPolicy))
        {
            return true;
        }

        var user = _userPolicies.ToHashSet(StringComparer.Ordinal);

        // A policy becomes authority-constrained where its node hangs below anyPolicy; cut those edges for
        // policies the user did not ask for (the graph form of deleting the node and its subtree).
        foreach (var node in _levels.SelectMany(l => l.Values).Where(n => n.Policy != Oids.AnyPolicy && !user.Contains(n.Policy)))
        {
            node.Parents.RemoveAll(p => p.Policy == Oids.AnyPolicy);
        }

        var alive = new HashSet<Node>(_levels[0].Values);
        for (var level = 1; level < _levels.Count; level++)
        {
            foreach (var node in _levels[level].Values.Where(n => n.Parents.Any(alive.Contains)))
            {
                alive.Add(node);
            }
        }

        // An anyPolicy node at the last depth stands for every policy in the user's set.
        return _levels[^1].Values.Any(alive.Contains);
    }

    private sealed class Node(string policy, HashSet<string> expected, List<Node> parents)
    {
        public string Policy { get; } = policy;

        public HashSet<string> Expected { get; set; } = expected;

        public List<Node> Parents { get; } = parents;
    }
}
