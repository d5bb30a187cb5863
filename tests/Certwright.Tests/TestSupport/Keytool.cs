namespace Certwright.Tests.TestSupport;

/// <summary>Runs Java's keytool (Debian package default-jre-headless).</summary>
public static class Keytool
{
    public static string Executable => ExternalTool.Require("keytool", "default-jre-headless");

    public static async Task RunAsync(params string[] arguments)
    {
        // keytool starts a JVM: give it room on a busy two-core machine.
        var result = await ProcessResult.RunAsync(Executable, arguments, TimeSpan.FromSeconds(120));
        result.EnsureSuccess();
    }
}
