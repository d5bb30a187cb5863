using System.Security.Cryptography.X509Certificates;
using Certwright.Renewal.Deploy;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Renewal;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DirectoryDeployerTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly TestCertificate _root = TestPki.CreateRoot();
    private readonly TestCertificate _intermediate;

    public DirectoryDeployerTests() => _intermediate = TestPki.CreateIntermediate(_root);

    public void Dispose()
    {
        _intermediate.Dispose();
        _root.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Deploy_WritesCertbotLayoutThroughLinksWithASecretKey()
    {
        var (bundle, leaf) = Bundle("api.internal");

        var deployed = await new DirectoryDeployer(_directory.Path, _time).DeployAsync(bundle, default);

        Assert.Null(deployed.Previous);
        Assert.StartsWith("v20270102T030405Z-", deployed.Version, StringComparison.Ordinal);
        Assert.Equal(leaf.CertificatePem, await File.ReadAllTextAsync(_directory.File("cert.pem")));
        Assert.Equal(_intermediate.CertificatePem, await File.ReadAllTextAsync(_directory.File("chain.pem")));
        Assert.Equal(leaf.CertificatePem + _intermediate.CertificatePem, await File.ReadAllTextAsync(_directory.File("fullchain.pem")));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(_directory.File("privkey.pem")), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(".certwright", "current", "privkey.pem"), new FileInfo(_directory.File("privkey.pem")).LinkTarget);
        var keyFile = Path.Combine(_directory.Path, ".certwright", deployed.Version, "privkey.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var modulus = await OpenSsl.RunAsync("x509", "-in", _directory.File("cert.pem"), "-noout", "-pubkey");
        var keyPub = await OpenSsl.RunAsync("pkey", "-in", _directory.File("privkey.pem"), "-pubout");
        Assert.Equal(modulus, keyPub);
    }

    [Fact]
    public async Task Deploy_Again_SwitchesAllFilesAndRollbackRestoresTheOldOnes()
    {
        var sut = new DirectoryDeployer(_directory.Path, _time);
        var (first, oldLeaf) = Bundle("old.internal");
        var (second, newLeaf) = Bundle("new.internal");
        var one = await sut.DeployAsync(first, default);
        _time.Advance(TimeSpan.FromDays(60));

        var two = await sut.DeployAsync(second, default);

        Assert.Equal(one.Version, two.Previous);
        Assert.Equal(newLeaf.CertificatePem, await File.ReadAllTextAsync(_directory.File("cert.pem")));
        Assert.True(await DirectoryDeployer.RollbackAsync(two));
        Assert.Equal(oldLeaf.CertificatePem, await File.ReadAllTextAsync(_directory.File("cert.pem")));
        Assert.Equal(one.Version, DirectoryDeployer.CurrentVersion(_directory.Path));
        Assert.False(await DirectoryDeployer.RollbackAsync(one));
    }

    [Fact]
    public async Task Deploy_CancelledBeforeTheSwitch_LeavesTheOldCertificateServed()
    {
        var sut = new DirectoryDeployer(_directory.Path, _time);
        var (first, oldLeaf) = Bundle("old.internal");
        var one = await sut.DeployAsync(first, default);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.DeployAsync(Bundle("new.internal").Bundle, cancelled.Token));

        Assert.Equal(one.Version, DirectoryDeployer.CurrentVersion(_directory.Path));
        Assert.Equal(oldLeaf.CertificatePem, await File.ReadAllTextAsync(_directory.File("cert.pem")));
    }

    [Fact]
    public async Task Deploy_OverRegularFilesOfAnotherTool_ReplacesThemWithLinks()
    {
        await File.WriteAllTextAsync(_directory.File("cert.pem"), "old certificate from elsewhere\n");
        var (bundle, leaf) = Bundle("api.internal");

        await new DirectoryDeployer(_directory.Path, _time).DeployAsync(bundle, default);

        Assert.Equal(leaf.CertificatePem, await File.ReadAllTextAsync(_directory.File("cert.pem")));
        Assert.NotNull(new FileInfo(_directory.File("cert.pem")).LinkTarget);
    }

    [Fact]
    public async Task Deploy_WithoutKey_LinksNoPrivateKey()
    {
        var (bundle, _) = Bundle("csr.internal");

        await new DirectoryDeployer(_directory.Path, _time).DeployAsync(bundle with { PrivateKeyPkcs8 = null }, default);

        Assert.False(File.Exists(_directory.File("privkey.pem")));
        Assert.True(File.Exists(_directory.File("fullchain.pem")));
    }

    [Fact]
    public async Task Deploy_Many_KeepsCurrentAndTwoOlderVersions()
    {
        var sut = new DirectoryDeployer(_directory.Path, _time);
        var versions = new List<DeployedVersion>();
        for (var i = 0; i < 5; i++)
        {
            versions.Add(await sut.DeployAsync(Bundle($"v{i}.internal").Bundle, default));
            _time.Advance(TimeSpan.FromDays(1));
        }

        var kept = Directory.GetDirectories(Path.Combine(_directory.Path, ".certwright")).Select(Path.GetFileName).Where(n => n != "current").Order(StringComparer.Ordinal);
        Assert.Equal(versions.Skip(2).Select(v => v.Version), kept);
    }

    [Fact]
    public async Task Deploy_DirectoryIsAFile_ThrowsUsageNamingIt()
    {
        var file = _directory.Write("not-a-directory", "x");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => new DirectoryDeployer(file, _time).DeployAsync(Bundle("a.internal").Bundle, default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.StartsWith($"cannot deploy to '{file}': ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the certificate there is unchanged", error.Message, StringComparison.Ordinal);
    }

    private (CertificateBundle Bundle, TestCertificate Leaf) Bundle(string name)
    {
        var leaf = TestPki.CreateLeaf(_intermediate, name);
        using var key = leaf.Certificate.GetECDsaPrivateKey()!;
        return (new CertificateBundle(leaf.Der, [_intermediate.Der], key.ExportPkcs8PrivateKey()), leaf);
    }
}
