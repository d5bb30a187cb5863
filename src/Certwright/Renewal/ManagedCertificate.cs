using Certwright.Inventory;
using Certwright.Keys;

namespace Certwright.Renewal;

/// <summary>A certificate Certwright is responsible for: where it comes from, its names and key, when to renew it and where it goes.</summary>
public sealed record ManagedCertificate
{
    /// <summary>Unique name (as in <c>managed add NAME</c>).</summary>
    public required string Name { get; init; }

    /// <value>Default <c>default</c>.</value>
    public string Namespace { get; init; } = SightingLocation.DefaultNamespace;

    public required CertificateSourceSpec Source { get; init; }

    /// <summary>DNS names for the SAN extension; the first is also the subject CN.</summary>
    public required IReadOnlyList<string> Domains { get; init; }

    /// <value>Default EC P-256.</value>
    public KeyType KeyType { get; init; } = KeyType.EcP256;

    /// <summary>Renew when this much validity remains; null: when a third of the lifetime remains (or in the CA's ARI window).</summary>
    public TimeSpan? RenewBefore { get; init; }

    public IReadOnlyList<DeployTarget> DeployTargets { get; init; } = [];

    /// <summary>Run through <c>/bin/sh -c</c> after every target is deployed, e.g. <c>nginx -s reload</c>.</summary>
    public string? ReloadCommand { get; init; }

    /// <summary>HOST:PORT endpoints that must serve the new certificate after the reload.</summary>
    public IReadOnlyList<string> VerifyEndpoints { get; init; } = [];
}
