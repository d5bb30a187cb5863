using Certwright.Tests.Storage;
using Certwright.Tests.TestSupport;

/// <summary>
/// Lets a test run <see cref="StoreWorkload"/> in a separate process without another project: the test starts
/// <c>dotnet Certwright.Tests.dll</c> with this assembly as a .NET startup hook, and the hook runs the writer and
/// exits before the (empty) generated test entry point. Without the variables it does nothing.
/// </summary>
#pragma warning disable CA1050 // The runtime looks the hook up by this exact name, outside any namespace.
public static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var dataDirectory = Environment.GetEnvironmentVariable(StoreWriterProcess.DataVariable);
        if (dataDirectory is null)
        {
            return;
        }

        try
        {
            var writer = int.Parse(Environment.GetEnvironmentVariable(StoreWriterProcess.WriterVariable)!, System.Globalization.CultureInfo.InvariantCulture);
            StoreWorkload.RunAsync(dataDirectory, writer).GetAwaiter().GetResult();
            Environment.Exit(0);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            Environment.Exit(1);
        }
    }
}

namespace Certwright.Tests.Storage
{
    internal static class StoreWriterProcess
    {
        public const string DataVariable = "CERTWRIGHT_TEST_WRITER_DATA";
        public const string WriterVariable = "CERTWRIGHT_TEST_WRITER_INDEX";

        public static Task<ProcessResult> RunAsync(string dataDirectory, int writer)
        {
            var assembly = typeof(StartupHook).Assembly.Location;
            var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
            return ProcessResult.RunAsync(
                dotnet,
                [assembly],
                TimeSpan.FromSeconds(120),
                environment: new Dictionary<string, string>
                {
                    ["DOTNET_STARTUP_HOOKS"] = assembly,
                    [DataVariable] = dataDirectory,
                    [WriterVariable] = writer.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
        }

        public static string Describe(ProcessResult result) => $"exit {result.ExitCode}: {result.StandardError}";
    }
}
