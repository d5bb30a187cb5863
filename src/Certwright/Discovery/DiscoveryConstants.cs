namespace Certwright.Discovery;

/// <summary>Defaults of <see cref="DiscoveryOptions"/>.</summary>
public static class DiscoveryConstants
{
    /// <summary>10 MiB: certificate files are kilobytes; keystores with thousands of entries stay far below.</summary>
    public const long DefaultMaxFileSize = 10 * 1024 * 1024;

    /// <summary>Deeper trees than this are not searched (bounds bind-mount loops that symlink checks cannot see).</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Version-control metadata and package caches: large, never the certificates in use.</summary>
    public static readonly IReadOnlyList<string> DefaultExclude = ["**/.git/**", "**/.hg/**", "**/.svn/**", "**/node_modules/**"];

    /// <summary>
    /// Extensions that say a file should hold certificates: when such a file found in a directory turns
    /// out not to, that is reported (unsupported-format); other unrecognised files are skipped silently.
    /// </summary>
    public static readonly IReadOnlySet<string> CertificateExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".pem", ".crt", ".cer", ".der", ".cert", ".ca-bundle", ".p7b", ".p7c", ".p12", ".pfx", ".jks", ".jceks", ".keystore", ".truststore",
    };
}
