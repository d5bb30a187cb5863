using System.Globalization;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>What <c>openssl verify</c> said about the same files.</summary>
public sealed record OpensslVerdict(bool IsValid, string Output);

/// <summary>
/// One validation case: a leaf, the presented intermediates and the trust anchors, run through
/// Certwright's <see cref="ChainValidator"/> and through <c>openssl verify</c> on the same PEM files.
/// </summary>
public sealed class Scenario
{
    private static readonly ChainValidator SharedValidator = new();

    public Scenario(TestCert leaf, params TestCert[] anchors)
    {
        Leaf = leaf;
        Anchors.AddRange(anchors);
    }

    public TestCert Leaf { get; }

    public List<TestCert> Intermediates { get; } = [];

    public List<TestCert> ExtraIntermediates { get; } = [];

    public List<TestCert> Anchors { get; } = [];

    public string? Host { get; set; } = "example.com";

    public ValidationPurpose Purpose { get; set; } = ValidationPurpose.Server;

    public DateTimeOffset Time { get; set; } = Pki.Now;

    public ChainValidationOptions Options { get; set; } = ChainValidationOptions.Default;

    /// <summary>Extra <c>openssl verify</c> arguments mirroring <see cref="Options"/> (e.g. -policy, -explicit_policy).</summary>
    public List<string> OpensslArguments { get; } = [];

    public Scenario Presenting(params TestCert[] intermediates)
    {
        Intermediates.AddRange(intermediates);
        return this;
    }

    public ChainValidationResult Certwright() => SharedValidator.Validate(new ChainValidationRequest
    {
        Target = Leaf.Der,
        Intermediates = Intermediates.Select(c => (ReadOnlyMemory<byte>)c.Der).ToList(),
        ExtraIntermediates = ExtraIntermediates.Select(c => (ReadOnlyMemory<byte>)c.Der).ToList(),
        TrustStore = TrustStore.FromCertificates(Anchors.Select(c => (ReadOnlyMemory<byte>)c.Der), "test anchors"),
        ValidationTime = Time,
        ExpectedHost = Host,
        Purpose = Purpose,
        Options = Options,
    });

    /// <summary>Runs <c>openssl verify -CAfile anchors -untrusted intermediates [-purpose] [-verify_hostname|-verify_ip] -attime T leaf</c>.</summary>
    public async Task<OpensslVerdict> OpensslAsync()
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        using var dir = new TempDirectory();
        var arguments = new List<string> { "verify", "-no-CApath", "-no-CAstore", "-CAfile", dir.Write("anchors.pem", string.Concat(Anchors.Select(c => c.Pem))) };
        if (Intermediates.Count + ExtraIntermediates.Count > 0)
        {
            arguments.AddRange(["-untrusted", dir.Write("untrusted.pem", string.Concat(Intermediates.Concat(ExtraIntermediates).Select(c => c.Pem)))]);
        }

        if (Purpose != ValidationPurpose.Any)
        {
            arguments.AddRange(["-purpose", Purpose == ValidationPurpose.Server ? "sslserver" : "sslclient"]);
        }

        if (Host is not null)
        {
            arguments.AddRange([Host.Contains(':', StringComparison.Ordinal) || IsIPv4(Host) ? "-verify_ip" : "-verify_hostname", Host]);
        }

        arguments.AddRange(OpensslArguments);
        arguments.AddRange(["-attime", Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), dir.Write("leaf.pem", Leaf.Pem)]);
        var result = await ProcessResult.RunAsync(openssl, arguments, TimeSpan.FromSeconds(30));
        return new OpensslVerdict(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    private static bool IsIPv4(string host) => host.Split('.') is { Length: 4 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
}
