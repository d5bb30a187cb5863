using Certwright.Policy;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>Chains made by the openssl CLI (req/x509 with extension files), judged by both validators.</summary>
public sealed class OpensslGeneratedChainTests
{
    [Fact]
    public async Task Validate_OpensslMadeRsaChain_ValidForBoth()
    {
        using var dir = new TempDirectory();
        var chain = await OpensslChain.CreateAsync(dir, leafExtensions: "subjectAltName=DNS:www.example.com\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature", leafCommonName: "www.example.com");

        var result = chain.Validate("www.example.com");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Path.Count);
        Assert.True(await chain.OpensslVerifyAsync("www.example.com"));
    }

    [Fact]
    public async Task Validate_OpensslMadeCommonNameOnlyLeaf_RejectedWhereOpensslAccepts()
    {
        using var dir = new TempDirectory();
        var chain = await OpensslChain.CreateAsync(dir, leafExtensions: "extendedKeyUsage=serverAuth", leafCommonName: "www.example.com");

        var result = chain.Validate("www.example.com");

        Assert.Equal([FindingCodes.MissingSan, FindingCodes.HostnameMismatch], result.Codes);
        Assert.True(await chain.OpensslVerifyAsync("www.example.com"));
    }

    [Fact]
    public async Task Validate_OpensslMadeNameConstrainedIntermediate_BothReject()
    {
        using var dir = new TempDirectory();
        var chain = await OpensslChain.CreateAsync(dir,
            leafExtensions: "subjectAltName=DNS:www.other.org\nextendedKeyUsage=serverAuth",
            intermediateExtensions: "nameConstraints=critical,permitted;DNS:example.com",
            leafCommonName: "www.other.org");

        var result = chain.Validate("www.other.org");

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
        Assert.False(await chain.OpensslVerifyAsync("www.other.org"));
    }

    private sealed class OpensslChain
    {
        private readonly TempDirectory _dir;
        private readonly string _openssl;

        private OpensslChain(TempDirectory dir, string openssl)
        {
            _dir = dir;
            _openssl = openssl;
        }

        public static async Task<OpensslChain> CreateAsync(TempDirectory dir, string leafExtensions, string intermediateExtensions = "", string leafCommonName = "leaf")
        {
            var chain = new OpensslChain(dir, ExternalTool.Require("openssl", "openssl"));
            const string Ca = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
            await chain.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-subj", "/CN=OpenSSL Root", "-days", "3650",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            dir.Write("inter.ext", Ca + intermediateExtensions + "\n");
            await chain.RunAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=OpenSSL Intermediate");
            await chain.RunAsync("x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "inter.pem", "-days", "1825", "-extfile", "inter.ext");
            dir.Write("leaf.ext", "basicConstraints=CA:FALSE\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n" + leafExtensions + "\n");
            await chain.RunAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=" + leafCommonName);
            await chain.RunAsync("x509", "-req", "-in", "leaf.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "90", "-extfile", "leaf.ext");
            return chain;
        }

        public ChainValidationResult Validate(string host) => new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = Der("leaf.pem"),
            Intermediates = [Der("inter.pem")],
            TrustStore = TrustStore.FromPem(File.ReadAllText(_dir.File("root.pem"))),
            ValidationTime = File.GetLastWriteTimeUtc(_dir.File("leaf.pem")).AddHours(1),
            ExpectedHost = host,
        });

        public async Task<bool> OpensslVerifyAsync(string host) =>
            (await ProcessResult.RunAsync(_openssl, ["verify", "-no-CApath", "-no-CAstore", "-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose", "sslserver", "-verify_hostname", host, "leaf.pem"],
                TimeSpan.FromSeconds(30), _dir.Path)).ExitCode == 0;

        private byte[] Der(string file) => System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_dir.File(file))).RawData;

        private async Task RunAsync(params string[] arguments) =>
            (await ProcessResult.RunAsync(_openssl, arguments, TimeSpan.FromSeconds(60), _dir.Path)).EnsureSuccess();
    }
}
