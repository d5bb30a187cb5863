using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>
/// The published Native AOT executable the tests run, as users run it: <c>CERTWRIGHT_EXE</c> when set
/// (build/test.sh publishes to artifacts/cli and sets it), otherwise published once per test run.
/// </summary>
internal static class PublishedCli
{
    public const string EnvironmentVariable = "CERTWRIGHT_EXE";

    /// <summary>A Native AOT publish takes about a minute on two busy cores; ten is a hang.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _executable;
    private static string? _publishDirectory;

    /// <summary>Where the executable is; publishes it on the first call when <c>CERTWRIGHT_EXE</c> is unset.</summary>
    public static async Task<string> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _executable ??= await LocateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Deletes what this run published (nothing when the executable came from <c>CERTWRIGHT_EXE</c>).</summary>
    public static void DeletePublished()
    {
        if (_publishDirectory is { } directory && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> LocateAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var full = Path.GetFullPath(given);
            if (!File.Exists(full))
            {
                throw new InvalidOperationException($"{EnvironmentVariable}={given}, but no such file exists; publish the CLI there or unset the variable");
            }

            return full;
        }

        return await PublishAsync();
    }

    private static async Task<string> PublishAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Certwright.Cli", "Certwright.Cli.csproj");
        _publishDirectory = Directory.CreateTempSubdirectory("certwright-cli-published-").FullName;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        ProcessResult result;
        try
        {
            // No build servers or node reuse: nothing of the publish may outlive the test run.
            result = await ProcessResult.RunAsync(
                dotnet,
                ["publish", project, "-c", "Release", "-o", _publishDirectory, "--nologo", "-v", "quiet", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                PublishTimeout);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"publishing the CLI for the end-to-end tests took over {PublishTimeout}: {e.Message}", e);
        }

        var executable = Path.Combine(_publishDirectory, "certwright");
        if (result.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"publishing the CLI for the end-to-end tests failed (dotnet publish exit {result.ExitCode}; Native AOT needs the Debian packages clang and zlib1g-dev). " +
                $"Set {EnvironmentVariable} to a published executable to skip this step.\n{Tail(result.StandardOutput)}\n{Tail(result.StandardError)}");
        }

        return executable;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Certwright.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository (Certwright.slnx) above {AppContext.BaseDirectory} to publish the CLI; set {EnvironmentVariable}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
