namespace Certwright.Monitoring.Configuration;

/// <summary>Where a monitored target was defined.</summary>
public enum TargetSource
{
    /// <summary>In the <c>targets:</c> list of the configuration file.</summary>
    ConfigFile,

    /// <summary>Added with <c>certwright target add</c> (stored in the inventory database).</summary>
    Cli,
}
