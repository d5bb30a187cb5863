using Certwright.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Certwright.Tests.Revocation;

public sealed class RevocationOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndDocumented()
    {
        var options = new RevocationOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(1024 * 1024, options.MaxOcspResponseBytes);
        Assert.Equal(32 * 1024 * 1024, options.MaxCrlBytes);
        Assert.True(options.PreferGet);
        Assert.False(options.UseNonce);
        Assert.Null(options.CacheDirectory);
    }

    [Fact]
    public void Validate_EveryBadValue_IsReportedWithTheFix()
    {
        var options = new RevocationOptions { RequestTimeout = TimeSpan.Zero, MaxOcspResponseBytes = 10, MaxRedirects = 50, CacheDirectory = "" };

        Assert.Equal(
            [
                "RequestTimeout is 00:00:00; use a duration above zero and at most 10 minutes.",
                "MaxOcspResponseBytes is 10; use 1024 to 67108864.",
                "MaxRedirects is 50; use 0 to 10.",
                "CacheDirectory is empty; give a directory or leave it null.",
            ],
            options.Validate());
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsUsageError()
    {
        var error = Assert.Throws<CertwrightException>(() => new RevocationChecker(new RevocationOptions { MaxRedirects = -1 }, TimeProvider.System));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("invalid revocation options: MaxRedirects is -1; use 0 to 10.", error.Message);
    }

    [Fact]
    public void AddCertwrightRevocation_RegistersOneSharedCheckerAndValidatesOptions()
    {
        using var provider = new ServiceCollection().AddCertwrightRevocation(o => o.UseNonce = true).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<RevocationChecker>(), provider.GetRequiredService<RevocationChecker>());
        Assert.True(provider.GetRequiredService<IOptions<RevocationOptions>>().Value.UseNonce);

        using var bad = new ServiceCollection().AddCertwrightRevocation(o => o.MaxCrlBytes = 1).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<RevocationChecker>());
        Assert.Equal("MaxCrlBytes is 1; use 1024 to 1073741824.", error.Message);
    }
}
