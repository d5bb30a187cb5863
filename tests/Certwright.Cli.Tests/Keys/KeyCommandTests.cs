using System.Security.Cryptography;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.Keys;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Keys;

/// <summary><c>key generate</c> and <c>key list</c>: encrypted key files in DATA/keys, never key material on stdout.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyCommandTests(CliFixture cli) : IDisposable
{
    private const string Passphrase = "cli passphrase 1234";
    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Generate_EcP256Json_EncryptedFileOpenSslReadsAndListShowsIt()
    {
        var passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");

        var run = (await _session.RunAsync("key", "generate", "--type", "ec-p256", "--label", "issuing ca", "--key-passphrase-file", passphraseFile, "--json")).ExpectExit(0);

        var key = run.Json("key");
        var id = key.Str("id");
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(("issuing ca", "ec-p256", "file", true), (key.Str("label"), key.Str("type"), key.Str("store"), key.Bool("extractable")));
        Assert.DoesNotContain("PRIVATE", run.StandardOutput, StringComparison.Ordinal);
        var path = Path.Combine(_session.DataDirectory, "keys", id + ".key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        var spki = _session.Work.File("spki.der");
        await OpenSsl.RunAsync("pkey", "-in", path, "-passin", "file:" + passphraseFile, "-pubout", "-outform", "DER", "-out", spki);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(spki))), key.Str("publicKeySha256"));

        var list = (await _session.RunAsync("key", "list", "--json")).ExpectExit(0).Json("key-list");
        Assert.Equal(1, list.Int("count"));
        var listed = list.Array("keys").Single();
        Assert.Equal((id, "issuing ca", "ec-p256", "file", true), (listed.Str("id"), listed.Str("label"), listed.Str("type"), listed.Str("store"), listed.Bool("extractable")));
        Assert.Equal(key.Time("created"), listed.Time("created"));
    }

    [Fact]
    public async Task Generate_MlDsa65Text_OneLineWithIdAndListTable()
    {
        var passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");

        var run = (await _session.RunAsync("key", "generate", "--type", "ml-dsa-65", "--label", "pq-root", "--key-passphrase-file", passphraseFile)).ExpectExit(0);

        var line = Assert.Single(run.OutputLines);
        Assert.Matches(@"^generated ml-dsa-65 key 'pq-root' id [0-9a-f]{32} in '.+/keys/[0-9a-f]{32}\.key' \(public key SHA-256 [0-9a-f]{64}\)$", line);
        var list = (await _session.RunAsync("key", "list")).ExpectExit(0);
        Assert.Equal(2, list.OutputLines.Count);
        Assert.Matches(@"^ID\s+LABEL\s+TYPE\s+STORE\s+CREATED\s+EXTRACTABLE$", list.OutputLines[0]);
        Assert.Matches(@"^[0-9a-f]{32}\s+pq-root\s+ml-dsa-65\s+file\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+yes$", list.OutputLines[1]);
    }

    [Fact]
    public async Task List_NoKeys_SaysHowToGenerate()
    {
        var run = (await _session.RunAsync("key", "list")).ExpectExit(0);

        Assert.Equal("no keys: generate one with 'certwright key generate --type ec-p256 --label NAME'", run.StandardOutput.TrimEnd('\n'));
    }

    [Fact]
    public async Task Generate_NoPassphrase_OneLineErrorAndNoKeyFile()
    {
        var run = (await _session.RunAsync("key", "generate", "--type", "ec-p256", "--label", "ca")).ExpectExit(1);

        run.ExpectOneLineError("no key passphrase: give --key-passphrase-file FILE or set CERTWRIGHT_KEY_PASSPHRASE");
        Assert.False(Directory.Exists(Path.Combine(_session.DataDirectory, "keys")));
    }

    [Fact]
    public async Task Generate_UnknownType_OneLineErrorListingTypes()
    {
        var passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");

        (await _session.RunAsync("key", "generate", "--type", "rsa-1024", "--label", "ca", "--key-passphrase-file", passphraseFile)).ExpectExit(1)
            .ExpectOneLineError("unknown key type 'rsa-1024'; use one of rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ed25519, ml-dsa-44, ml-dsa-65, ml-dsa-87");
    }

    [Fact]
    public async Task Generate_Pkcs11OptionsWithFileStore_Refused()
    {
        var passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");

        (await _session.RunAsync("key", "generate", "--type", "ec-p256", "--label", "ca", "--key-passphrase-file", passphraseFile, "--pkcs11-token", "hsm")).ExpectExit(1)
            .ExpectOneLineError("--pkcs11-module, --pkcs11-token and --pkcs11-pin-file need --store pkcs11");
    }

    [Fact]
    public async Task Generate_Pkcs11StoreWithoutModule_OneLineError()
    {
        (await _session.RunAsync("key", "generate", "--type", "ec-p256", "--label", "ca", "--store", "pkcs11")).ExpectExit(1)
            .ExpectOneLineError("--store pkcs11 needs --pkcs11-module LIB, --pkcs11-token LABEL and --pkcs11-pin-file FILE");
    }

    [Fact]
    public async Task GenerateAndList_Pkcs11SoftHsm_KeyInTokenNotExtractable()
    {
        var token = await SoftHsm.CreateTokenAsync(_session.Work);
        _session.ExtraEnvironment["SOFTHSM2_CONF"] = SoftHsm.ConfigPath;
        string[] hsm = ["--store", "pkcs11", "--pkcs11-module", token.ModulePath, "--pkcs11-token", token.TokenLabel, "--pkcs11-pin-file", token.PinFile];

        var generated = (await _session.RunAsync(["key", "generate", "--type", "ec-p256", "--label", "hsm root", .. hsm, "--json"])).ExpectExit(0).Json("key");
        var list = (await _session.RunAsync(["key", "list", .. hsm, "--json"])).ExpectExit(0).Json("key-list");

        Assert.Equal(("hsm root", "ec-p256", "pkcs11", false), (generated.Str("label"), generated.Str("type"), generated.Str("store"), generated.Bool("extractable")));
        var listed = list.Array("keys").Single();
        Assert.Equal((generated.Str("id"), "hsm root", "pkcs11", false), (listed.Str("id"), listed.Str("label"), listed.Str("store"), listed.Bool("extractable")));
        Assert.False(Directory.Exists(Path.Combine(_session.DataDirectory, "keys")));
        var tool = await ProcessResult.RunAsync(
            ExternalTool.Require("pkcs11-tool", "opensc"),
            ["--module", token.ModulePath, "--token-label", token.TokenLabel, "--login", "--pin", SoftHsm.UserPin, "--list-objects", "--type", "privkey"],
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["SOFTHSM2_CONF"] = SoftHsm.ConfigPath });
        Assert.Contains("Access:     sensitive, always sensitive, never extractable, local", tool.EnsureSuccess().StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Pkcs11WrongPin_OneLineErrorWithoutThePin()
    {
        var token = await SoftHsm.CreateTokenAsync(_session.Work);
        _session.ExtraEnvironment["SOFTHSM2_CONF"] = SoftHsm.ConfigPath;
        var wrongPin = _session.Work.Write("wrong-pin", "wrong-pin-000\n");

        var run = (await _session.RunAsync("key", "list", "--store", "pkcs11", "--pkcs11-module", token.ModulePath, "--pkcs11-token", token.TokenLabel, "--pkcs11-pin-file", wrongPin)).ExpectExit(1);

        run.ExpectOneLineError($"PKCS#11 token '{token.TokenLabel}' refused the PIN from '{wrongPin}' (CKR_PIN_INCORRECT); check --pkcs11-pin-file");
        Assert.DoesNotContain("wrong-pin-000", run.StandardError, StringComparison.Ordinal);
    }
}
