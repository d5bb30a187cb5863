namespace Certwright.Storage;

/// <summary>Finds and creates the directory that holds the embedded database and settings.</summary>
public static class DataDirectory
{
    /// <summary>Mode of a data directory Certwright creates: only its owner may read it (it holds inventory and keys).</summary>
    public const UnixFileMode CreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The data directory, as an absolute path: <paramref name="explicitDirectory"/> (<c>--data</c>) when given,
    /// else <c>CERTWRIGHT_DATA</c>, else <c>$XDG_DATA_HOME/certwright</c>, else <c>~/.local/share/certwright</c>.
    /// </summary>
    public static string Resolve(string? explicitDirectory) =>
        Resolve(explicitDirectory, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));

    internal static string Resolve(string? explicitDirectory, Func<string, string?> environment, string localApplicationData)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        var fromEnvironment = environment(StorageConstants.DataEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        var xdgDataHome = environment("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdgDataHome) && Path.IsPathRooted(xdgDataHome))
        {
            return Path.Combine(xdgDataHome, StorageConstants.ApplicationFolderName);
        }

        if (string.IsNullOrWhiteSpace(localApplicationData))
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"cannot find a home for the data directory (HOME and XDG_DATA_HOME are unset); pass --data DIR or set {StorageConstants.DataEnvironmentVariable}");
        }

        return Path.Combine(localApplicationData, StorageConstants.ApplicationFolderName);
    }

    /// <summary>Creates <paramref name="directory"/> (and missing parents) with mode 0700 when it does not exist; returns it.</summary>
    public static string EnsureExists(string directory)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, CreateMode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"cannot create data directory '{directory}': {Internal.BoundedFile.Reason(e)}; choose another with --data or {StorageConstants.DataEnvironmentVariable}",
                e);
        }

        return directory;
    }

    /// <summary>Path of the embedded database in <paramref name="directory"/>.</summary>
    public static string DatabasePath(string directory) => Path.Combine(directory, StorageConstants.DatabaseFileName);
}
