namespace Certwright.Renewal.Deploy;

/// <summary>A deployment into a directory: the version now served and the one it replaced (for a rollback).</summary>
/// <param name="Directory">The deploy directory (certbot's live/ layout: cert.pem, chain.pem, fullchain.pem, privkey.pem).</param>
/// <param name="Version">Name of the version folder now current, under <c>.certwright/</c>.</param>
/// <param name="Previous">Name of the version folder that was current before, or null for a first deployment.</param>
public sealed record DeployedVersion(string Directory, string Version, string? Previous);
