using Certwright.Acme.Client.Challenges;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client.Challenges;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Http01WebrootTests
{
    [Fact]
    public async Task PublishAndRemove_Webroot_FileReadableByServerThenGone()
    {
        using var webroot = new TempDirectory();
        await using var responder = new Http01Webroot(webroot.Path);
        var path = webroot.File(".well-known/acme-challenge/tok");

        await responder.PublishAsync("a.test", "tok", "tok.thumb", default);

        Assert.Equal("tok.thumb", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        await responder.RemoveAsync("a.test", "tok", "tok.thumb", default);
        Assert.False(File.Exists(path));
    }
}
