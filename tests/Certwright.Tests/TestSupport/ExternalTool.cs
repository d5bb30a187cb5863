namespace Certwright.Tests.TestSupport;

/// <summary>
/// Locates the real programs the tests drive (openssl, nginx, keytool...). A missing program fails the
/// test with the install hint: the test script installs them, and a silent skip would hide a gap.
/// </summary>
public static class ExternalTool
{
    public static string Require(string name, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' is not installed; the tests need it. Install the Debian package '{debianPackage}' (build/test.sh does this).");
    }
}
