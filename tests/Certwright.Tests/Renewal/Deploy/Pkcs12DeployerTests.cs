using System.Security.Cryptography.X509Certificates;
using Certwright.Renewal.Deploy;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal.Deploy;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Pkcs12DeployerTests : IDisposable
{
    private const string Password = "s3cret-Pässword";
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private readonly TestCertificate _intermediate;
    private readonly string _passwordFile;

    public Pkcs12DeployerTests()
    {
        _intermediate = TestPki.CreateIntermediate(_root);
        _passwordFile = _directory.Write("password.txt", Password + "\nsecond line ignored\n");
    }

    public void Dispose()
    {
        _intermediate.Dispose();
        _root.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Deploy_WritesOpenSsl3DefaultEncryptionReadableByOpenSsl()
    {
        var (bundle, leaf) = Bundle("api.internal");
        var sut = CreateSut();

        var receipt = (Pkcs12DeploymentReceipt)await sut.DeployAsync(bundle, default);

        var path = _directory.File("api.p12");
        Assert.Equal($"pkcs12 {path}", receipt.Target);
        Assert.Equal(_time.GetUtcNow(), receipt.DeployedAt);
        Assert.False(receipt.ReplacedExisting);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var info = await OpenSsl.TryRunAsync("pkcs12", "-info", "-noout", "-in", path, "-passin", $"file:{_passwordFile}");
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("MAC: sha256, Iteration 2048", info.StandardError, StringComparison.Ordinal);
        Assert.Contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256", info.StandardError, StringComparison.Ordinal);
        Assert.Contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256", info.StandardError, StringComparison.Ordinal);

        var certificates = await OpenSsl.RunAsync("pkcs12", "-in", path, "-passin", $"file:{_passwordFile}", "-nokeys");
        Assert.Contains("friendlyName: api-tls", certificates, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(certificates, "-----BEGIN CERTIFICATE-----"));
        Assert.Contains(leaf.CertificatePem.Trim(), certificates, StringComparison.Ordinal);
        Assert.Contains(_intermediate.CertificatePem.Trim(), certificates, StringComparison.Ordinal);
        var key = _directory.Write("key.pem", await OpenSsl.RunAsync("pkcs12", "-in", path, "-passin", $"file:{_passwordFile}", "-nocerts", "-nodes"));
        Assert.Equal(
            await OpenSsl.RunAsync("x509", "-in", _directory.Write("leaf.pem", leaf.CertificatePem), "-noout", "-pubkey"),
            await OpenSsl.RunAsync("pkey", "-in", key, "-pubout"));
    }

    [Fact]
    public async Task Deploy_WrongPassword_OpenSslRejectsTheMac()
    {
        await CreateSut().DeployAsync(Bundle("api.internal").Bundle, default);

        var info = await OpenSsl.TryRunAsync("pkcs12", "-info", "-noout", "-in", _directory.File("api.p12"), "-passin", "pass:wrong");

        Assert.NotEqual(0, info.ExitCode);
        Assert.Contains("Mac verify error", info.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deploy_KeytoolListsOnePrivateKeyEntryUnderTheFriendlyNameWithTheChain()
    {
        // Java derives keys from non-ASCII passwords differently from OpenSSL and .NET (even for OpenSSL's own files): ASCII here.
        var asciiPassword = _directory.Write("ascii.txt", "changeit-2027\n");
        var sut = new Pkcs12Deployer(new Pkcs12DeployOptions { Path = _directory.File("api.p12"), PasswordFile = asciiPassword, FriendlyName = "api-tls" }, _time);
        await sut.DeployAsync(Bundle("api.internal").Bundle, default);

        var result = await ProcessResult.RunAsync(
            Keytool.Executable,
            ["-list", "-v", "-keystore", _directory.File("api.p12"), "-storetype", "PKCS12", "-storepass", "changeit-2027"],
            TimeSpan.FromSeconds(120));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Your keystore contains 1 entry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Alias name: api-tls", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Entry type: PrivateKeyEntry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Certificate chain length: 2", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Owner: CN=api.internal", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_AfterASecondDeployment_RestoresThePreviousBytes()
    {
        var sut = CreateSut();
        await sut.DeployAsync(Bundle("old.internal").Bundle, default);
        var oldBytes = await File.ReadAllBytesAsync(_directory.File("api.p12"));

        var receipt = (Pkcs12DeploymentReceipt)await sut.DeployAsync(Bundle("new.internal").Bundle, default);
        Assert.True(receipt.ReplacedExisting);
        Assert.NotEqual(oldBytes, await File.ReadAllBytesAsync(_directory.File("api.p12")));
        await sut.RollbackAsync(receipt, default);

        Assert.Equal(oldBytes, await File.ReadAllBytesAsync(_directory.File("api.p12")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_directory.File("api.p12")));
        Assert.Equal(["api.p12", "password.txt"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rollback_FirstDeployment_LeavesTheNewFile()
    {
        var sut = CreateSut();
        var receipt = await sut.DeployAsync(Bundle("api.internal").Bundle, default);
        var deployed = await File.ReadAllBytesAsync(_directory.File("api.p12"));

        await sut.RollbackAsync(receipt, default);

        Assert.Equal(deployed, await File.ReadAllBytesAsync(_directory.File("api.p12")));
    }

    [Fact]
    public async Task Rollback_FileChangedSinceTheDeployment_ThrowsStateAndLeavesIt()
    {
        var sut = CreateSut();
        await sut.DeployAsync(Bundle("old.internal").Bundle, default);
        var receipt = await sut.DeployAsync(Bundle("api.internal").Bundle, default);
        await File.WriteAllTextAsync(_directory.File("api.p12"), "written by someone else");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.RollbackAsync(receipt, default));

        Assert.Equal(ErrorKind.State, error.Kind);
        Assert.Equal($"cannot roll back pkcs12 {_directory.File("api.p12")}: the file changed after the deployment; it is left as it is", error.Message);
        Assert.Equal("written by someone else", await File.ReadAllTextAsync(_directory.File("api.p12")));
    }

    [Fact]
    public async Task Deploy_PasswordFromEnvironmentVariable_EncryptsWithIt()
    {
        var sut = new Pkcs12Deployer(
            new Pkcs12DeployOptions { Path = _directory.File("env.p12"), PasswordEnvironmentVariable = "P12_PASSWORD" },
            _time,
            name => name == "P12_PASSWORD" ? "from-env" : null);

        await sut.DeployAsync(Bundle("api.internal").Bundle, default);

        var info = await OpenSsl.TryRunAsync("pkcs12", "-info", "-noout", "-in", _directory.File("env.p12"), "-passin", "pass:from-env");
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("friendlyName: certwright", (await OpenSsl.RunAsync("pkcs12", "-in", _directory.File("env.p12"), "-passin", "pass:from-env", "-nokeys")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_EnvironmentVariableUnset_ThrowsUsageAndWritesNothing()
    {
        var sut = new Pkcs12Deployer(new Pkcs12DeployOptions { Path = _directory.File("env.p12"), PasswordEnvironmentVariable = "P12_PASSWORD" }, _time, _ => null);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"environment variable P12_PASSWORD is not set or empty; set it to the password of pkcs12 {_directory.File("env.p12")}", error.Message);
        Assert.False(File.Exists(_directory.File("env.p12")));
    }

    [Fact]
    public async Task Deploy_DirectoryMissing_ThrowsUsageOneLineWithoutSecrets()
    {
        var path = _directory.File("missing/api.p12");
        var sut = new Pkcs12Deployer(new Pkcs12DeployOptions { Path = path, PasswordFile = _passwordFile }, _time);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => sut.DeployAsync(Bundle("api.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.StartsWith($"cannot write pkcs12 {path}: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the file there is unchanged", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path, ".*.tmp"));
    }

    [Fact]
    public async Task Deploy_Cancelled_LeavesThePreviousFile()
    {
        var sut = CreateSut();
        await sut.DeployAsync(Bundle("old.internal").Bundle, default);
        var oldBytes = await File.ReadAllBytesAsync(_directory.File("api.p12"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.DeployAsync(Bundle("new.internal").Bundle, cancelled.Token));

        Assert.Equal(oldBytes, await File.ReadAllBytesAsync(_directory.File("api.p12")));
        Assert.Empty(Directory.GetFiles(_directory.Path, ".*.tmp"));
    }

    [Fact]
    public async Task Deploy_WithoutPrivateKey_ThrowsUsage()
    {
        var error = await Assert.ThrowsAsync<CertwrightException>(() => CreateSut().DeployAsync(Bundle("csr.internal").Bundle with { PrivateKeyPkcs8 = null }, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"pkcs12 {_directory.File("api.p12")} needs the private key, which a certificate issued from a CSR does not give; deploy it as files instead", error.Message);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsUsageNamingEveryProblem()
    {
        var options = new Pkcs12DeployOptions { Path = " ", PasswordFile = "a", PasswordEnvironmentVariable = "B", FriendlyName = "", Iterations = 10 };

        var error = Assert.Throws<CertwrightException>(() => new Pkcs12Deployer(options, _time));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            "the PKCS#12 path is empty; give the file to write; "
            + "give the PKCS#12 password either as a password file or as an environment variable name, exactly one; "
            + "the PKCS#12 friendly name is empty; give a name (it becomes the keystore alias); "
            + "PKCS#12 iterations 10 is out of range; give 1000 to 600000",
            error.Message);
    }

    private Pkcs12Deployer CreateSut() =>
        new(new Pkcs12DeployOptions { Path = _directory.File("api.p12"), PasswordFile = _passwordFile, FriendlyName = "api-tls" }, _time);

    private (CertificateBundle Bundle, TestCertificate Leaf) Bundle(string name)
    {
        var leaf = TestPki.CreateLeaf(_intermediate, name);
        using var key = leaf.Certificate.GetECDsaPrivateKey()!;
        return (new CertificateBundle(leaf.Der, [_intermediate.Der], key.ExportPkcs8PrivateKey()), leaf);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
