namespace Certwright.Renewal.Deploy;

/// <summary>
/// One place a managed certificate is deployed to (a directory in certbot's live/ layout, a PKCS#12 file, a Kubernetes
/// TLS secret). A deploy is all or nothing: when it fails, the certificate deployed before stays in place.
/// </summary>
public interface ICertificateDeployer
{
    /// <summary>Names the target in messages and findings, e.g. <c>dir /etc/nginx/tls</c> or <c>secret prod/api-tls</c>.</summary>
    string Target { get; }

    /// <summary>Puts <paramref name="bundle"/> in place atomically and returns what is needed to undo it.</summary>
    /// <exception cref="CertwrightException">The target could not be written; what was there before is unchanged.</exception>
    Task<DeploymentReceipt> DeployAsync(CertificateBundle bundle, CancellationToken cancellationToken);

    /// <summary>Restores what <paramref name="receipt"/> replaced (after a failed reload or a failed verify-after-deploy).</summary>
    Task RollbackAsync(DeploymentReceipt receipt, CancellationToken cancellationToken);
}

/// <summary>What one deploy replaced; each deployer derives its own record with the state it needs to roll back.</summary>
/// <param name="Target">The deployer's <see cref="ICertificateDeployer.Target"/>.</param>
public abstract record DeploymentReceipt(string Target);
