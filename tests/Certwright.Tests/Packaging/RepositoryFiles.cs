namespace Certwright.Tests.Packaging;

/// <summary>Files of the repository the tests run from (found by walking up to Certwright.slnx).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Certwright.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository (Certwright.slnx) above {AppContext.BaseDirectory}");
    }
}
