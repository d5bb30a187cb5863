namespace Certwright.Tests.TestSupport;

/// <summary>Runs the openssl CLI (Debian package openssl) and returns its standard output.</summary>
public static class OpenSsl
{
    public static string Executable => ExternalTool.Require("openssl", "openssl");

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await ProcessResult.RunAsync(Executable, arguments, TimeSpan.FromSeconds(60));
        return result.EnsureSuccess().StandardOutput;
    }

    /// <summary>Runs openssl and returns the result without requiring success (for expected failures).</summary>
    public static Task<ProcessResult> TryRunAsync(params string[] arguments) =>
        ProcessResult.RunAsync(Executable, arguments, TimeSpan.FromSeconds(60));
}
