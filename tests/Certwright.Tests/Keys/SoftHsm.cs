using System.Runtime.InteropServices;
using Certwright.Keys;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Keys;

/// <summary>
/// SoftHSM2 (Debian softhsm2) for PKCS#11 tests: one temporary softhsm2.conf and token directory per
/// test process, and a fresh token per test. The module reads SOFTHSM2_CONF once, at C_Initialize, from
/// the native environment, which Environment.SetEnvironmentVariable does not change: hence setenv.
/// </summary>
internal static class SoftHsm
{
    public const string SoPin = "so-12345678";
    public const string UserPin = "user-87654321";

    private static readonly Lazy<string> Config = new(CreateConfig);

    public static string ModulePath
    {
        get
        {
            foreach (var candidate in new[] { "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so" })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("libsofthsm2.so is not installed; the tests need it. Install the Debian package 'softhsm2' (build/test.sh does this).");
        }
    }

    public static string ConfigPath => Config.Value;

    /// <summary>Initialises a new token with its own label in the shared token directory; the PIN file goes to <paramref name="dir"/>.</summary>
    public static async Task<Pkcs11Options> CreateTokenAsync(TempDirectory dir)
    {
        var label = "cw-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var util = ExternalTool.Require("softhsm2-util", "softhsm2");
        var result = await ProcessResult.RunAsync(
            util,
            ["--init-token", "--free", "--label", label, "--so-pin", SoPin, "--pin", UserPin],
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath });
        result.EnsureSuccess();
        var pinFile = dir.Write("pin", UserPin + "\n");
        return new Pkcs11Options(ModulePath, label, pinFile);
    }

    private static string CreateConfig()
    {
        var root = Directory.CreateTempSubdirectory("certwright-softhsm-").FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(root, "tokens")).FullName;
        var config = Path.Combine(root, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        if (SetEnv("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        return config;
    }

    private static int SetEnv(string name, string value, int overwrite) =>
        NativeSetEnv(System.Text.Encoding.UTF8.GetBytes(name + "\0"), System.Text.Encoding.UTF8.GetBytes(value + "\0"), overwrite);

    [DllImport("libc", EntryPoint = "setenv")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeSetEnv(byte[] name, byte[] value, int overwrite);
}
