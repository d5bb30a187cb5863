using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Import;

/// <summary>A directory holding one certificate file of every format, a corrupt file and a PKCS#12 file nobody has the password of.</summary>
internal sealed class ImportInputs
{
    public const string Pkcs12Password = "p12-Secret-4711";
    public const string KeystorePassword = "jks-Secret-0815";
    public const string KeystoreAlias = "web-ca";

    private ImportInputs(string directory, string passwordFile)
    {
        Directory = directory;
        PasswordFile = passwordFile;
    }

    public string Directory { get; }

    public string PasswordFile { get; }

    /// <summary>SHA-256 of every certificate that can be read, by file name.</summary>
    public Dictionary<string, string[]> Readable { get; } = [];

    public string CorruptFile => Path.Combine(Directory, "corrupt.pem");

    public string WrongPasswordFile => Path.Combine(Directory, "locked.p12");

    public IEnumerable<string> AllReadableSha256 => Readable.Values.SelectMany(v => v);

    /// <summary>Writes the files under <paramref name="work"/>/certs; the password file lies outside it.</summary>
    public static async Task<ImportInputs> CreateAsync(TempDirectory work, bool withProblems = true, bool withKeystores = true)
    {
        using var root = TestPki.CreateRoot("Import Root");
        using var intermediate = TestPki.CreateIntermediate(root, "Import Intermediate");
        using var pemLeaf = TestPki.CreateLeaf(intermediate, "pem.example.test");
        using var derLeaf = TestPki.CreateLeaf(intermediate, "der.example.test");
        var inputs = new ImportInputs(work.File("certs"), work.Write("passwords.txt", $"{Pkcs12Password}\n{KeystorePassword}\n"));
        System.IO.Directory.CreateDirectory(inputs.Directory);

        work.WritePem("certs/bundle.pem", pemLeaf, intermediate);
        inputs.Readable["bundle.pem"] = [pemLeaf.Sha256, intermediate.Sha256];
        work.WriteDer("certs/server.der", derLeaf);
        inputs.Readable["server.der"] = [derLeaf.Sha256];

        if (withKeystores)
        {
            using var p12Leaf = TestPki.CreateLeaf(intermediate, "p12.example.test");
            await Pkcs12Async(work, p12Leaf, "certs/client.p12", Pkcs12Password);
            inputs.Readable["client.p12"] = [p12Leaf.Sha256];

            work.WritePem("root.pem", root);
            await Keytool.RunAsync(
                "-importcert", "-noprompt", "-alias", KeystoreAlias, "-file", work.File("root.pem"),
                "-keystore", work.File("certs/trust.jks"), "-storetype", "JKS", "-storepass", KeystorePassword);
            inputs.Readable["trust.jks"] = [root.Sha256];
        }

        if (withProblems)
        {
            work.Write("certs/corrupt.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!not base64!!\n-----END CERTIFICATE-----\n");
            using var locked = TestPki.CreateLeaf(intermediate, "locked.example.test");
            await Pkcs12Async(work, locked, "certs/locked.p12", "a-password-nobody-gave");
        }

        return inputs;
    }

    private static async Task Pkcs12Async(TempDirectory work, TestCertificate certificate, string name, string password)
    {
        var pem = work.WritePem(name + ".crt.tmp", certificate);
        var key = work.WriteKey(name + ".key.tmp", certificate);
        await OpenSsl.RunAsync("pkcs12", "-export", "-in", pem, "-inkey", key, "-out", work.File(name), "-passout", "pass:" + password);
        File.Delete(pem);
        File.Delete(key);
    }
}
