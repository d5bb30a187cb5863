namespace Certwright.Renewal.Deploy;

/// <summary>
/// What one <see cref="Pkcs12Deployer"/> deployment replaced. The previous file's bytes (encrypted, as they were on disk)
/// are kept in memory only, so a rollback leaves no extra copy of key material on disk.
/// </summary>
/// <param name="Target">The deployer's target, <c>pkcs12 PATH</c>.</param>
/// <param name="Path">The full path of the file written.</param>
/// <param name="DeployedAt">When the file was written.</param>
public sealed record Pkcs12DeploymentReceipt(string Target, string Path, DateTimeOffset DeployedAt) : DeploymentReceipt(Target)
{
    /// <summary>Whether a file was there before (a rollback restores it; otherwise a rollback has nothing to restore and leaves the new file).</summary>
    public bool ReplacedExisting => PreviousContents is not null;

    /// <summary>The replaced file's bytes, or null when there was none.</summary>
    internal byte[]? PreviousContents { get; init; }

    /// <summary>SHA-256 of the bytes written, so a rollback never overwrites a file someone changed since.</summary>
    internal byte[] DeployedSha256 { get; init; } = [];
}
