using Certwright.Certificates;
using Certwright.Discovery;
using Certwright.Policy;

namespace Certwright.Tests.Discovery;

public sealed class CertificateDiscoveryTests : IDisposable
{
    private readonly DiscoveryTree _tree = new();

    public CertificateDiscoveryTests()
    {
        _tree.Write("a.pem", DiscoveryTree.LeafPem);
        _tree.Write("sub/deep/bundle.crt", DiscoveryTree.LeafPem + DiscoveryTree.RootPem);
        _tree.WritePkcs12("sub/store.p12");
        _tree.Write("notes.txt", "nothing to see\n");
        _tree.WriteRandom("sub/blob.bin", 4096, 1);
        _tree.Write("broken.crt", "this is not a certificate\n");
        _tree.Write("empty.pem", "");
        _tree.Write(".git/objects/cached.pem", DiscoveryTree.RootPem);
        _tree.Write("node_modules/pkg/test.pem", DiscoveryTree.RootPem);
    }

    [Fact]
    public async Task DiscoverAsync_MixedTree_ReportsCertificatesAndRelevantProblemsOnly()
    {
        var statistics = new DiscoveryStatistics();
        var options = new DiscoveryOptions { Passwords = PasswordSource.FromPasswords(["tree-secret"]) };

        var results = await Collect(options, [_tree.Root], statistics);

        Assert.Equal(["a.pem", "broken.crt", "empty.pem", "sub/deep/bundle.crt", "sub/store.p12"], Relative(results));
        Assert.Equal($"{_tree.Path("empty.pem")}: the file is empty", Assert.Single(Single(results, "empty.pem").Problems).Message);
        Assert.Equal([DiscoveryTree.Sha256OfPem(DiscoveryTree.LeafPem)], Hashes(results, "a.pem"));
        Assert.Equal([DiscoveryTree.Sha256OfPem(DiscoveryTree.LeafPem), DiscoveryTree.Sha256OfPem(DiscoveryTree.RootPem)], Hashes(results, "sub/deep/bundle.crt"));
        var p12 = Single(results, "sub/store.p12");
        Assert.True(Assert.Single(p12.Certificates).HasPrivateKey);
        var broken = Single(results, "broken.crt");
        Assert.Equal(FindingCodes.UnsupportedFormat, Assert.Single(broken.Problems).Code);
        Assert.Equal(4, statistics.Certificates);
        Assert.Equal(7, statistics.FilesSeen);
        Assert.Equal(6, statistics.FilesRead);
    }

    [Theory]
    [InlineData(new[] { "*.pem" }, new string[0], new[] { "a.pem", "empty.pem" })]
    [InlineData(new[] { "sub/**" }, new string[0], new[] { "sub/deep/bundle.crt", "sub/store.p12" })]
    [InlineData(new string[0], new[] { "sub/**" }, new[] { "a.pem", "broken.crt", "empty.pem" })]
    [InlineData(new string[0], new[] { "*.crt", "deep", "empty.*" }, new[] { "a.pem", "sub/store.p12" })]
    [InlineData(new[] { "**/*.crt" }, new[] { "broken.*" }, new[] { "sub/deep/bundle.crt" })]
    public async Task DiscoverAsync_Globs_SelectFiles(string[] include, string[] exclude, string[] expected)
    {
        var options = new DiscoveryOptions { Passwords = PasswordSource.FromPasswords(["tree-secret"]) };
        foreach (var pattern in include)
        {
            options.Include.Add(pattern);
        }

        foreach (var pattern in exclude)
        {
            options.Exclude.Add(pattern);
        }

        var results = await Collect(options, [_tree.Root]);

        Assert.Equal(expected, Relative(results));
    }

    [Fact]
    public async Task DiscoverAsync_EmptyExcludes_SearchesGitAndNodeModules()
    {
        var options = new DiscoveryOptions { Passwords = PasswordSource.FromPasswords(["tree-secret"]) };
        options.Exclude.Clear();
        options.Include.Add("*.pem");

        var results = await Collect(options, [_tree.Root]);

        Assert.Equal([".git/objects/cached.pem", "a.pem", "empty.pem", "node_modules/pkg/test.pem"], Relative(results));
    }

    [Fact]
    public async Task DiscoverAsync_SymlinkLoopsAndLinkedFiles_EachPathOnceNoHang()
    {
        _tree.Link("loop", _tree.Root);
        _tree.Link("sub/deep/up", "../..");
        _tree.Link("sub/self", "self");
        _tree.Link("linked.pem", _tree.Path("a.pem"));
        _tree.Link("dangling.pem", _tree.Path("missing.pem"));
        var options = new DiscoveryOptions { Passwords = PasswordSource.FromPasswords(["tree-secret"]) };

        var results = await Collect(options, [_tree.Root]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a.pem", "broken.crt", "dangling.pem", "empty.pem", "linked.pem", "sub/deep/bundle.crt", "sub/self", "sub/store.p12"], Relative(results));
        Assert.Equal(Hashes(results, "a.pem"), Hashes(results, "linked.pem"));
        var dangling = Assert.Single(Single(results, "dangling.pem").Problems);
        Assert.Equal((FindingCodes.UnreadableFile, Severity.Info), (dangling.Code, dangling.Severity));
        Assert.EndsWith("dangling.pem: broken symbolic link", dangling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_NotFollowingSymlinks_IgnoresLinks()
    {
        _tree.Link("loop", _tree.Root);
        _tree.Link("linked.pem", _tree.Path("a.pem"));
        var options = new DiscoveryOptions { FollowSymlinks = false, Passwords = PasswordSource.FromPasswords(["tree-secret"]) };

        var results = await Collect(options, [_tree.Root]);

        Assert.Equal(["a.pem", "broken.crt", "empty.pem", "sub/deep/bundle.crt", "sub/store.p12"], Relative(results));
    }

    [Fact]
    public async Task DiscoverAsync_HundredMegabyteRandomFile_SkippedBySizeWithoutReading()
    {
        var big = _tree.WriteRandom("big/random.pem", 100 * 1024 * 1024, 42);
        var statistics = new DiscoveryStatistics();

        var results = await Collect(new DiscoveryOptions(), [_tree.Path("big")], statistics);

        var problem = Assert.Single(Assert.Single(results).Problems);
        Assert.Equal(FindingCodes.FileTooLarge, problem.Code);
        Assert.Equal($"{big}: 104857600 bytes is over the 10485760-byte limit; not read (raise the limit if it really holds certificates)", problem.Message);
        Assert.Equal(0, statistics.BytesRead);
    }

    [Fact]
    public async Task DiscoverAsync_HundredMegabyteRandomPemUnderRaisedLimit_ReadWholeAndReportedUnsupported()
    {
        var big = _tree.WriteRandom("big/random.pem", 100 * 1024 * 1024, 44);
        var statistics = new DiscoveryStatistics();

        var results = await Collect(new DiscoveryOptions { MaxFileSize = 200 * 1024 * 1024 }, [_tree.Path("big")], statistics).WaitAsync(TimeSpan.FromSeconds(60));

        var problem = Assert.Single(Assert.Single(results).Problems);
        Assert.Equal(FindingCodes.UnsupportedFormat, problem.Code);
        Assert.Equal($"{big}: not a certificate file (no PEM block, DER certificate, PKCS#7, PKCS#12 or Java keystore)", problem.Message);
        Assert.Equal(100 * 1024 * 1024, statistics.BytesRead);
    }

    [Fact]
    public async Task DiscoverAsync_LargeBinaryUnderRaisedLimit_DroppedAfterFirstChunk()
    {
        _tree.WriteRandom("big/random.bin", 20 * 1024 * 1024, 43);
        var statistics = new DiscoveryStatistics();

        var results = await Collect(new DiscoveryOptions { MaxFileSize = 50 * 1024 * 1024 }, [_tree.Path("big")], statistics);

        Assert.Empty(results);
        Assert.Equal(64 * 1024, statistics.BytesRead);
    }

    [Fact]
    public async Task DiscoverAsync_ExplicitPaths_AlwaysReportedMissingOnesToo()
    {
        var missing = _tree.Path("no/such.pem");

        var results = await Collect(new DiscoveryOptions(), [_tree.Path("notes.txt"), _tree.Path("empty.pem"), missing, _tree.Path("a.pem")]);

        Assert.Equal(["a.pem", "empty.pem", "no/such.pem", "notes.txt"], Relative(results));
        Assert.Equal(FindingCodes.UnsupportedFormat, Single(results, "notes.txt").Problems.Single().Code);
        Assert.Equal($"{_tree.Path("empty.pem")}: the file is empty", Single(results, "empty.pem").Problems.Single().Message);
        Assert.Equal($"{missing}: no such file or directory (or a broken symbolic link)", Single(results, "no/such.pem").Problems.Single().Message);
    }

    [Fact]
    public async Task DiscoverAsync_FifoInTreeAndNamed_NeverOpened()
    {
        var fifo = _tree.Path("pipe.pem");
        var mkfifo = await TestSupport.ProcessResult.RunAsync(TestSupport.ExternalTool.Require("mkfifo", "coreutils"), [fifo]);
        mkfifo.EnsureSuccess();

        var walked = await Collect(new DiscoveryOptions(), [_tree.Root]).WaitAsync(TimeSpan.FromSeconds(30));
        var named = await Collect(new DiscoveryOptions(), [fifo]).WaitAsync(TimeSpan.FromSeconds(30));
        var read = await new CertificateContainerReader().ReadFileAsync(fifo).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal($"{fifo}: the file is empty", Assert.Single(Single(walked, "pipe.pem").Problems).Message);
        Assert.Equal($"{fifo}: the file is empty", Assert.Single(Assert.Single(named).Problems).Message);
        Assert.Equal($"{fifo}: the file is empty", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public async Task DiscoverAsync_UnreadableFile_UnreadableFileProblem()
    {
        // Root ignores permission bits, so as root the unreadable file is a write-only sysfs attribute
        // (reading it fails with EACCES even for root); otherwise a file with mode 000.
        string unreadable;
        if (Environment.UserName == "root")
        {
            const string writeOnly = "/sys/bus/pci/rescan";
            Assert.True(File.Exists(writeOnly), $"{writeOnly} (a write-only sysfs file) is needed to test an unreadable file as root");
            unreadable = _tree.Path("secret.pem");
            File.CreateSymbolicLink(unreadable, writeOnly);
        }
        else if (!OperatingSystem.IsWindows())
        {
            unreadable = _tree.Write("secret.pem", DiscoveryTree.LeafPem);
            File.SetUnixFileMode(unreadable, UnixFileMode.None);
        }
        else
        {
            throw new PlatformNotSupportedException("the discovery tests run on Linux");
        }

        var results = await Collect(new DiscoveryOptions(), [_tree.Root]);

        var problem = Assert.Single(Single(results, "secret.pem").Problems);
        Assert.Equal(FindingCodes.UnreadableFile, problem.Code);
        Assert.StartsWith($"{unreadable}: cannot read: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("a.pem", Relative(results));
    }

    [Fact]
    public async Task DiscoverAsync_DeeperThanMaxDepth_ReportedNotSearched()
    {
        _tree.Write("l1/l2/l3/deep.pem", DiscoveryTree.RootPem);

        var results = await Collect(new DiscoveryOptions { MaxDepth = 1 }, [_tree.Path("l1")]);

        var result = Assert.Single(results);
        Assert.Equal(_tree.Path("l1/l2/l3"), result.Source);
        Assert.Equal($"{result.Source}: not searched: deeper than 1 directory levels", result.Problems.Single().Message);
        Assert.Single(await Collect(new DiscoveryOptions { MaxDepth = 2 }, [_tree.Path("l1")]), r => r.Certificates.Count == 1);
    }

    [Fact]
    public async Task DiscoverAsync_CallerStopsEarly_ReturnsPromptly()
    {
        for (var i = 0; i < 300; i++)
        {
            _tree.Write($"many/{i / 100}/{i}.pem", DiscoveryTree.LeafPem);
        }

        var discovery = new CertificateDiscovery(new DiscoveryOptions { ResultBufferSize = 4 });
        var seen = 0;
        await foreach (var result in discovery.DiscoverAsync([_tree.Path("many")]).WithCancellation(CancellationToken.None))
        {
            if (++seen == 10)
            {
                break;
            }
        }

        Assert.Equal(10, seen);
    }

    [Fact]
    public async Task DiscoverAsync_ThousandFiles_AllFoundInParallel()
    {
        for (var i = 0; i < 1000; i++)
        {
            _tree.Write($"many/{i % 20}/{i}.pem", i % 2 == 0 ? DiscoveryTree.LeafPem : DiscoveryTree.RootPem);
        }

        var statistics = new DiscoveryStatistics();
        var results = await Collect(new DiscoveryOptions { MaxDegreeOfParallelism = 2 }, [_tree.Path("many")], statistics);

        Assert.Equal(1000, results.Count);
        Assert.Equal(1000, results.Select(r => r.Source).Distinct().Count());
        Assert.All(results, r => Assert.Single(r.Certificates));
        Assert.Equal(500, results.Count(r => r.Certificates[0].Certificate.Sha256 == DiscoveryTree.Sha256OfPem(DiscoveryTree.RootPem)));
        Assert.Equal(1000, statistics.FilesRead);
        Assert.Equal(21, statistics.Directories);
    }

    public void Dispose() => _tree.Dispose();

    private static async Task<List<ContainerReadResult>> Collect(DiscoveryOptions options, string[] paths, DiscoveryStatistics? statistics = null)
    {
        var results = new List<ContainerReadResult>();
        await foreach (var result in new CertificateDiscovery(options).DiscoverAsync(paths, statistics))
        {
            results.Add(result);
        }

        return results;
    }

    private string[] Relative(IEnumerable<ContainerReadResult> results) =>
        [.. results.Select(r => Path.GetRelativePath(_tree.Root, r.Source).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private ContainerReadResult Single(IEnumerable<ContainerReadResult> results, string relative) =>
        Assert.Single(results, r => r.Source == _tree.Path(relative));

    private string[] Hashes(IEnumerable<ContainerReadResult> results, string relative) =>
        [.. Single(results, relative).Certificates.Select(c => c.Certificate.Sha256)];
}
