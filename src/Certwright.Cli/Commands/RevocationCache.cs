namespace Certwright.Cli.Commands;

/// <summary>Where scan, monitor and serve keep downloaded CRLs between runs (each until its nextUpdate).</summary>
internal static class RevocationCache
{
    /// <summary>DATA/cache: the revocation checker keeps CRLs in its <c>crl</c> folder.</summary>
    public static string Directory(CliContext context) => Path.Combine(context.DataDirectoryPath, "cache");
}
