using System.Buffers.Binary;
using Certwright.Certificates;
using Certwright.Policy;
using static Certwright.Tests.Certificates.ContainerTestHelpers;

namespace Certwright.Tests.Certificates;

[Collection(ContainerArtefactsCollection.Name)]
public sealed class JavaKeyStoreTests(ContainerArtefacts files)
{
    private static readonly PasswordSource RightPasswords = PasswordSource.FromPasswords([ContainerArtefacts.StorePassword]);

    [Theory]
    [InlineData("store.jks", ContainerFormat.Jks, "CN=jks.example")]
    [InlineData("store.jceks", ContainerFormat.Jceks, "CN=jceks.example")]
    public void Read_KeytoolStore_KeyEntryAndTrustedEntryWithAliases(string name, ContainerFormat format, string subject)
    {
        var result = Read(files[name], RightPasswords);

        Assert.Equal(format, result.Format);
        Assert.Empty(result.Problems);
        Assert.True(result.ContainsPrivateKey);
        var server = Assert.Single(result.Certificates, c => c.Alias == "server");
        Assert.True(server.HasPrivateKey);
        Assert.Equal(subject, server.Certificate.Subject);
        var root = Assert.Single(result.Certificates, c => c.Alias == "trusted root");
        Assert.False(root.HasPrivateKey);
        Assert.Equal(Sha256Of(files["ca.pem"]), root.Certificate.Sha256);
        Assert.Equal([0, 1], result.Certificates.Select(c => c.Position));
    }

    [Fact]
    public void Read_JceksWithSecretKeys_StepsOverThemToEveryCertificate()
    {
        var result = Read(files["secrets.jceks"], RightPasswords);

        Assert.Equal(ContainerFormat.Jceks, result.Format);
        Assert.Empty(result.Problems);
        Assert.Equal(["server", "trusted root"], result.Certificates.Select(c => c.Alias).Order());
        Assert.Equal(Sha256Of(files["ca.pem"]), result.Certificates.Single(c => c.Alias == "trusted root").Certificate.Sha256);
    }

    [Fact]
    public void Read_DamagedSecretKeyEntry_InfoProblemKeepsEarlierEntries()
    {
        var bytes = File.ReadAllBytes(files["secrets.jceks"]);
        var stream = bytes.AsSpan().IndexOf([(byte)0xAC, (byte)0xED, (byte)0x00, (byte)0x05]);
        bytes[stream + 4] = 0x42;

        var result = new CertificateContainerReader().Read("damaged.jceks", bytes);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((FindingCodes.UnsupportedFormat, Severity.Info), (problem.Code, problem.Severity));
        Assert.Matches(@"^damaged\.jceks: JCEKS keystore secret key entry '(aes|hmac)-key' cannot be stepped over \(unsupported serialization code 0x42\); the \d entries after it were not read$", problem.Message);
    }

    [Fact]
    public void Read_WithoutPassword_CertificatesReadNoProblem()
    {
        var result = Read(files["store.jks"]);

        Assert.Equal(2, result.Certificates.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_WrongConfiguredPassword_CertificatesKeptAndWrongPasswordReported()
    {
        var result = Read(files["store.jks"], PasswordSource.FromPasswords(["nope"]));

        Assert.Equal(2, result.Certificates.Count);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.WrongPassword, problem.Code);
        Assert.Equal(
            $"{files["store.jks"]}: none of the configured passwords (nor the empty password or 'changeit') matches the JKS keystore's integrity check; its certificates were read but are unverified",
            problem.Message);
        Assert.DoesNotContain("nope", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TamperedStore_IntegrityFailsWithRightPassword()
    {
        var bytes = File.ReadAllBytes(files["store.jks"]);
        bytes[^1] ^= 0x01;

        var result = new CertificateContainerReader(RightPasswords).Read("tampered.jks", bytes);

        Assert.Equal([FindingCodes.WrongPassword], Codes(result));
        Assert.Equal(2, result.Certificates.Count);
    }

    [Fact]
    public void Read_EveryTruncation_ProblemNeverThrows()
    {
        var bytes = File.ReadAllBytes(files["store.jceks"]);
        var reader = new CertificateContainerReader(RightPasswords);

        for (var length = 4; length < bytes.Length; length++)
        {
            var result = reader.Read("cut.jceks", bytes.AsMemory(0, length));

            Assert.NotEmpty(result.Problems);
            Assert.All(result.Problems, p => Assert.Contains(p.Code, new[] { FindingCodes.CorruptCertificate, FindingCodes.WrongPassword }));
        }
    }

    [Fact]
    public void Read_HostileCountsAndLengths_ReportedAsCorrupt()
    {
        // magic, version 2, count 2^31-1, then a trusted entry whose certificate claims 2 GB.
        var hostile = new List<byte>();
        void Int(int value)
        {
            var buffer = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(buffer, value);
            hostile.AddRange(buffer);
        }

        Int(unchecked((int)0xFEEDFEED));
        Int(2);
        Int(int.MaxValue);
        Int(2);
        hostile.AddRange([0x00, 0x01, (byte)'x']);
        hostile.AddRange(new byte[8]);
        hostile.AddRange([0x00, 0x05, .. "X.509"u8]);
        Int(int.MaxValue);
        hostile.AddRange(new byte[40]);

        var result = new CertificateContainerReader().Read("hostile.jks", hostile.ToArray());

        Assert.Empty(result.Certificates);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.CorruptCertificate, problem.Code);
        Assert.Equal("hostile.jks: JKS keystore is malformed after 0 certificate(s): length 2147483647 exceeds the 20 bytes left", problem.Message);
    }

    [Fact]
    public void Read_UnknownVersion_Unsupported()
    {
        byte[] bytes = [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 9, 0, 0, 0, 0, .. new byte[20]];

        var result = new CertificateContainerReader().Read("v9.jks", bytes);

        Assert.Equal("v9.jks: JKS keystore version 9 is not supported (only 1 and 2 exist)", Assert.Single(result.Problems).Message);
    }
}
