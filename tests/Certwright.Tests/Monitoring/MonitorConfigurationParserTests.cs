using Certwright.Monitoring.Configuration;
using Certwright.Policy;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Monitoring;

public sealed class MonitorConfigurationParserTests
{
    private const string Path = "/etc/certwright/certwright.yaml";

    private const string FullExample = """
        # every key the file knows
        defaults:
          schedule: "0 */6 * * *"
          jitter: 10%
          concurrency: 64
          warning-days: 45
          critical-days: 10
          timeout: 15s
          ca-file: ca.pem
        targets:
          - host: api.example.com
            sni: api.internal.example.com
            tags: [public, payments]
            owner: team-payments
            namespace: prod
          - host: mail.example.com
            starttls: smtp
            owner: team-mail
            warning-days: 20
            every: 1h
          - host: "[2001:db8::1]:8443"
            critical-days: 3
        directories:
          - paths: [/etc/ssl/private, certs]
            include: ["*.pem", "*.crt"]
            exclude: ["**/old/**"]
            namespace: prod
            owner: team-platform
            every: 1d
        """;

    [Fact]
    public void Parse_FullExample_ReadsEveryKey()
    {
        var configuration = MonitorConfigurationLoader.Parse(FullExample, Path);

        Assert.Equal(Path, configuration.SourcePath);
        var defaults = configuration.Defaults;
        Assert.Equal("0 */6 * * *", defaults.Schedule.Text);
        Assert.True(defaults.Schedule.IsCron);
        Assert.Equal(0.1, defaults.Jitter, 6);
        Assert.Equal(64, defaults.Concurrency);
        Assert.Equal(ExpiryThresholds.Create(45, 10), defaults.Thresholds);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.Timeout);
        Assert.Equal("/etc/certwright/ca.pem", defaults.CaFile);

        Assert.Equal(3, configuration.Targets.Count);
        var api = configuration.Targets[0];
        Assert.Equal(new ScanTarget("api.example.com", 443, StartTlsProtocol.None, "api.internal.example.com"), api.Endpoint);
        Assert.Equal("api.example.com:443 (SNI api.internal.example.com)", api.Key);
        Assert.Equal(["public", "payments"], api.Tags);
        Assert.Equal("team-payments", api.Owner);
        Assert.Equal("prod", api.Namespace);
        Assert.Null(api.Thresholds);
        Assert.Null(api.Schedule);
        Assert.Equal(TargetSource.ConfigFile, api.Source);
        Assert.Equal($"{Path} line 11", api.Origin);

        var mail = configuration.Targets[1];
        Assert.Equal(new ScanTarget("mail.example.com", 25, StartTlsProtocol.Smtp), mail.Endpoint);
        Assert.Equal("default", mail.Namespace);
        // warning alone: critical keeps the defaults' 10 days (below 20).
        Assert.Equal(ExpiryThresholds.Create(20, 10), mail.Thresholds);
        Assert.Equal("every 1h", mail.Schedule!.Text);

        var v6 = configuration.Targets[2];
        Assert.Equal(8443, v6.Endpoint.Port);
        Assert.Equal("[2001:db8::1]:8443", v6.Key);
        // critical alone: warning keeps the defaults' 45 days.
        Assert.Equal(ExpiryThresholds.Create(45, 3), v6.Thresholds);

        var directory = Assert.Single(configuration.Directories);
        Assert.Equal(["/etc/ssl/private", "/etc/certwright/certs"], directory.Paths);
        Assert.Equal(["*.pem", "*.crt"], directory.Include);
        Assert.Equal(["**/old/**"], directory.Exclude);
        Assert.Equal("team-platform", directory.Owner);
        Assert.Equal("every 1d", directory.Schedule!.Text);
    }

    [Fact]
    public void Parse_EmptyFile_GivesDefaults()
    {
        var configuration = MonitorConfigurationLoader.Parse("# nothing yet\n", Path);

        Assert.Empty(configuration.Targets);
        Assert.Empty(configuration.Directories);
        Assert.Equal("every 6h", configuration.Defaults.Schedule.Text);
        Assert.Equal(MonitorConstants.DefaultJitter, configuration.Defaults.Jitter);
        Assert.Equal(ExpiryThresholds.Default, configuration.Defaults.Thresholds);
    }

    [Fact]
    public void Parse_MaxValidity_LimitsPublicAndPrivateServerCertificates()
    {
        var defaults = MonitorConfigurationLoader.Parse("defaults:\n  max-validity: 90d\n", Path).Defaults;

        Assert.Equal(TimeSpan.FromDays(90), defaults.MaxValidity);
        Assert.Equal(MonitorConstants.DefaultHistoryRetention, defaults.KeepHistory);
        Assert.Equal(TimeSpan.FromDays(30), MonitorConfigurationLoader.Parse("defaults:\n  keep-history: 30d\n", Path).Defaults.KeepHistory);
        var issued = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromDays(90), defaults.CertificatePolicy.PublicValidityLimits.MaxValidityAt(issued));
        Assert.Equal(TimeSpan.FromDays(90), defaults.CertificatePolicy.PrivateValidityLimits!.MaxValidityAt(issued));
        var unset = MonitorConfigurationLoader.Parse("defaults:\n  every: 1h\n", Path).Defaults.CertificatePolicy;
        Assert.Same(ValidityLimits.CaBrowserForum, unset.PublicValidityLimits);
        Assert.Null(unset.PrivateValidityLimits);
    }

    [Fact]
    public void Parse_Probe_DefaultsAndPerTargetOverride()
    {
        var configuration = MonitorConfigurationLoader.Parse("defaults:\n  probe: true\ntargets:\n  - host: a.test\n  - host: b.test\n    probe: false\n", Path);

        Assert.True(configuration.Defaults.Probe);
        Assert.Equal([null, false], configuration.Targets.Select(t => t.Probe));
        var plan = Certwright.Monitoring.MonitorPlan.Create(configuration, []);
        Assert.Equal([true, false], plan.Checks.Select(c => c.Probe));
        Assert.False(MonitorConfigurationLoader.Parse("targets:\n  - host: a.test\n", Path).Defaults.Probe);
    }

    [Theory]
    [InlineData("targets:\n  - host: a.test\n    hots: b\n", "line 3: unknown key 'hots' in targets[0]; expected one of host, port, sni, starttls, tags, owner, namespace, warning-days, critical-days, schedule, every")]
    [InlineData("default:\n  every: 1h\n", "line 1: unknown key 'default' in the configuration; expected one of defaults, targets, directories, profiles")]
    [InlineData("defaults:\n  every: 1h\n  schedule: '* * * * *'\n", "line 2: defaults has both 'schedule' and 'every'; keep one")]
    [InlineData("defaults:\n  schedule: '61 * * * *'\n", "line 2: 'schedule' '61 * * * *' is not a cron expression")]
    [InlineData("defaults:\n  every: soon\n", "line 2: 'every' is 'soon'; use a duration of at least 1s such as 30s, 15m, 6h, 1d")]
    [InlineData("defaults:\n  jitter: 0.9\n", "line 2: 'jitter' is '0.9'; use a fraction from 0 to 0.5 (e.g. 0.1 or 10%)")]
    [InlineData("defaults:\n  probe: yes\n", "line 2: 'probe' is 'yes'; use true or false")]
    [InlineData("defaults:\n  keep-history: 2h\n", "line 2: 'keep-history' is '2h'; use a duration of at least 86400s")]
    [InlineData("defaults:\n  max-validity: 1h\n", "line 2: 'max-validity' is '1h'; use a duration of at least 86400s")]
    [InlineData("defaults:\n  concurrency: 0\n", "line 2: 'concurrency' is '0'; use a whole number from 1 to 4096")]
    [InlineData("targets:\n  - host: a.test\n    port: 70000\n", "line 3: 'port' is '70000'; use a whole number from 1 to 65535")]
    [InlineData("targets:\n  - host: a.test:8443\n    port: 443\n", "line 3: 'port' is given twice")]
    [InlineData("targets:\n  - port: 443\n", "line 2: targets[0] has no 'host'; every target needs one")]
    [InlineData("targets:\n  - host: a.test\n  - host: a.test:443\n", "line 3: target a.test:443 is already listed at line 2; list each endpoint once")]
    [InlineData("targets:\n  - host: a.test\n    starttls: smtps\n", "line 3: Unknown STARTTLS protocol 'smtps': use one of smtp, imap, pop3, ftp, ldap, postgres")]
    [InlineData("targets:\n  - host: 'bad host'\n", "line 2: Invalid scan target 'bad host'")]
    [InlineData("targets:\n  - host: a.test\n    warning-days: 5\n    critical-days: 9\n", "line 4: 'critical-days' (9) of targets[0] exceeds its 'warning-days' (5)")]
    [InlineData("targets:\n  - host: a.test\n    tags: 'a,b'\n", "line 3: tag 'a,b' contains a comma; give tags as a list ([a, b])")]
    [InlineData("targets:\n  host: a.test\n", "line 2: 'targets' must be a list")]
    [InlineData("targets:\n  - host: [a, b]\n", "line 2: 'host' must be a single value, not a list or mapping")]
    [InlineData("directories:\n  - include: ['*.pem']\n", "line 2: directories[0] has no 'paths'")]
    [InlineData("targets:\n  - host: a.test\n    port: [1\n", "line 4: not valid YAML")]
    [InlineData("targets:\n  - host: a.test\n    host: b.test\n", "line 3: ")]
    public void Parse_Invalid_ThrowsUsageNamingFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<CertwrightException>(() => MonitorConfigurationLoader.Parse(yaml, Path));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.StartsWith($"{Path} {expected}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task LoadAsync_ExplicitFileMissing_ThrowsUsage()
    {
        using var directory = new TempDirectory();
        var missing = directory.File("none.yaml");

        var e = await Assert.ThrowsAsync<CertwrightException>(() => MonitorConfigurationLoader.LoadAsync(missing, directory.Path, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal($"configuration file '{missing}' does not exist; check the path", e.Message);
    }

    [Fact]
    public async Task LoadAsync_NoFileInDataDirectory_GivesEmptyConfiguration()
    {
        using var directory = new TempDirectory();

        var configuration = await MonitorConfigurationLoader.LoadAsync(null, directory.Path, CancellationToken.None);

        Assert.Same(MonitorConfiguration.Empty, configuration);
    }

    [Fact]
    public async Task LoadAsync_FileInDataDirectory_IsRead()
    {
        using var directory = new TempDirectory();
        directory.Write(MonitorConstants.ConfigFileName, "targets:\n  - host: 127.0.0.1:8443\n");

        var configuration = await MonitorConfigurationLoader.LoadAsync(null, directory.Path, CancellationToken.None);

        Assert.Equal("127.0.0.1:8443", Assert.Single(configuration.Targets).Key);
        Assert.Equal(directory.File(MonitorConstants.ConfigFileName), configuration.SourcePath);
    }
}
