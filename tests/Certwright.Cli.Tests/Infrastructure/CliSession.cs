using System.Diagnostics;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>
/// One test's view of the CLI: its own <c>--data</c> directory (a fresh inventory) and a work directory
/// for input files. Every run is checked for what must never happen: a stack trace or an internal error.
/// </summary>
public sealed class CliSession : IDisposable
{
    /// <summary>Generous for a process that starts in milliseconds; only a hang reaches it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _work = new();

    public CliSession(string executable)
    {
        Executable = executable;
    }

    public string Executable { get; }

    /// <summary>The <c>--data</c> directory every <see cref="RunAsync(string[])"/> passes.</summary>
    public string DataDirectory => _data.Path;

    /// <summary>Where the test writes input files (certificates, key stores, password and target files).</summary>
    public TempDirectory Work => _work;

    /// <summary>Runs <c>certwright --data DATA args...</c>.</summary>
    public Task<CliRun> RunAsync(params string[] arguments) => RunAsync(arguments, DefaultTimeout);

    public Task<CliRun> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        RunWithoutDataAsync(["--data", DataDirectory, .. arguments], timeout);

    /// <summary>Starts <c>certwright --data DATA args...</c> without waiting (signal tests); the caller disposes it.</summary>
    public Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _work.Path,
        };
        foreach (var argument in (string[])["--data", DataDirectory, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Environment())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
    }

    /// <summary>Runs the executable with exactly these arguments (global option tests).</summary>
    public async Task<CliRun> RunWithoutDataAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var result = await ProcessResult.RunAsync(Executable, arguments, timeout ?? DefaultTimeout, _work.Path, Environment());
        var run = new CliRun(arguments, result.ExitCode, result.StandardOutput, result.StandardError, clock.Elapsed);
        run.AssertNoCrash();
        return run;
    }

    /// <summary>Variables a test adds for the runs of this session (e.g. SOFTHSM2_CONF).</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Nothing from the developer's own setup leaks in: no inventory, password or database of theirs.</summary>
    private Dictionary<string, string> Environment()
    {
        var environment = BaseEnvironment();
        foreach (var (key, value) in ExtraEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        ["HOME"] = _work.Path,
        ["CERTWRIGHT_DATA"] = DataDirectory,
        ["CERTWRIGHT_DATABASE"] = "",
        ["CERTWRIGHT_KEYSTORE_PASSWORD"] = "",
        ["CERTWRIGHT_KEY_PASSPHRASE"] = "",
        ["NO_COLOR"] = "1",
    };

    public void Dispose()
    {
        _data.Dispose();
        _work.Dispose();
    }
}
