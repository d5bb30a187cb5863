using Certwright.Certificates;
using Certwright.Policy;
using static Certwright.Tests.Certificates.ContainerTestHelpers;

namespace Certwright.Tests.Certificates;

[Collection(ContainerArtefactsCollection.Name)]
public sealed class Pkcs12ContainerTests(ContainerArtefacts files)
{
    private static readonly PasswordSource RightPasswords = PasswordSource.FromPasswords(["not-this-one", ContainerArtefacts.P12Password]);

    [Theory]
    [InlineData("password.p12", "leaf-alias")]
    [InlineData("legacy.p12", "legacy-alias")]
    public void Read_WithConfiguredPassword_LeafWithKeyAndAliasThenCa(string name, string alias)
    {
        var result = Read(files[name], RightPasswords);

        Assert.Equal(ContainerFormat.Pkcs12, result.Format);
        Assert.Equal(
            [(Sha256Of(files["leaf.pem"]), 0, alias, true), (Sha256Of(files["ca.pem"]), 1, null, false)],
            Summary(result).OrderBy(c => c.Position).ToArray());
        Assert.True(result.ContainsPrivateKey);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_EmptyPassword_OpensWithoutConfiguration()
    {
        var result = Read(files["empty-password.p12"]);

        Assert.Equal(2, result.Certificates.Count);
        Assert.Contains(result.Certificates, c => c.HasPrivateKey && c.Certificate.Sha256 == Sha256Of(files["leaf.pem"]));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_NoKeys_CertificatesOnly()
    {
        var result = Read(files["nokeys.p12"], RightPasswords);

        Assert.Equal(2, result.Certificates.Count);
        Assert.All(result.Certificates, c => Assert.False(c.HasPrivateKey));
        Assert.False(result.ContainsPrivateKey);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_NoMacNoEncryption_OpensWithAnyPassword()
    {
        var result = Read(files["plain.p12"], PasswordSource.FromPasswords(["whatever"]));

        Assert.Equal(2, result.Certificates.Count);
        Assert.True(result.ContainsPrivateKey);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_WrongPassword_WrongPasswordProblemWithoutSecrets()
    {
        var result = Read(files["password.p12"], PasswordSource.FromPasswords(["guess-1", "guess-2"]));

        Assert.Empty(result.Certificates);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.WrongPassword, problem.Code);
        Assert.Equal($"{files["password.p12"]}: cannot open PKCS#12 file: none of the configured passwords (nor the empty password or 'changeit') opens it", problem.Message);
        Assert.DoesNotContain("guess", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ContainerArtefacts.P12Password, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoPasswordGiven_AsksForOne()
    {
        var result = Read(files["password.p12"]);

        Assert.Equal(
            $"{files["password.p12"]}: cannot open PKCS#12 file: it needs a password; give it with --password-file or CERTWRIGHT_KEYSTORE_PASSWORD",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Read_WrongPasswordButUnencryptedCertificates_ReturnsThemFlagged()
    {
        var result = Read(files["plain-certs-with-mac.p12"]);

        Assert.Equal([FindingCodes.WrongPassword], Codes(result));
        Assert.Equal(2, result.Certificates.Count);
    }

    [Fact]
    public void Read_IterationCountOverLimits_RefusedWithoutBurningCpu()
    {
        var result = Read(files["many-iterations.p12"], RightPasswords);

        Assert.Empty(result.Certificates);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.CorruptCertificate, problem.Code);
        Assert.StartsWith($"{files["many-iterations.p12"]}: PKCS#12 file exceeds the safety limits (", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("); it was not read", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeytoolPkcs12Keystore_AliasesAndKeyEntry()
    {
        var result = Read(files["store.p12"], PasswordSource.FromPasswords([ContainerArtefacts.StorePassword]));

        Assert.Equal(ContainerFormat.Pkcs12, result.Format);
        Assert.Empty(result.Problems);
        var server = Assert.Single(result.Certificates, c => c.Alias == "server");
        Assert.True(server.HasPrivateKey);
        Assert.Equal("CN=pkcs12.example", server.Certificate.Subject);
        var root = Assert.Single(result.Certificates, c => c.Alias == "trusted root");
        Assert.False(root.HasPrivateKey);
        Assert.Equal(Sha256Of(files["ca.pem"]), root.Certificate.Sha256);
    }

    [Fact]
    public void Read_TruncatedOrFlippedPkcs12_ProblemNeverThrows()
    {
        var bytes = File.ReadAllBytes(files["password.p12"]);
        var reader = new CertificateContainerReader(RightPasswords);
        var random = new Random(99);

        for (var i = 0; i < 40; i++)
        {
            var copy = bytes.ToArray();
            var length = i < 20 ? random.Next(8, bytes.Length) : bytes.Length;
            if (i >= 20)
            {
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            }

            var result = reader.Read("damaged.p12", copy.AsMemory(0, length));

            Assert.True(result.Problems.Count > 0 || result.Certificates.Count == 2, $"case {i}: no problem and {result.Certificates.Count} certificates");
            Assert.All(result.Problems, p => Assert.Contains(p.Code, new[] { FindingCodes.CorruptCertificate, FindingCodes.WrongPassword, FindingCodes.UnsupportedFormat }));
        }
    }
}
