namespace Certwright.Renewal.Deploy;

/// <summary>A directory deployment: the version folder made current and the one to go back to.</summary>
public sealed record DirectoryDeploymentReceipt(string Target, DeployedVersion Deployed) : DeploymentReceipt(Target);
