using Certwright.Discovery;

namespace Certwright.Tests.Discovery;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.pem", "a.pem", true)]
    [InlineData("*.pem", "x/y/a.pem", true)]
    [InlineData("*.pem", "a.pem.bak", false)]
    [InlineData("/*.pem", "x/a.pem", false)]
    [InlineData("/*.pem", "a.pem", true)]
    [InlineData("etc/ssl/**", "etc/ssl/certs/a.pem", true)]
    [InlineData("etc/ssl/**", "opt/etc/ssl/a.pem", false)]
    [InlineData("**/ssl/*.crt", "etc/ssl/a.crt", true)]
    [InlineData("**/ssl/*.crt", "ssl/a.crt", true)]
    [InlineData("**/ssl/*.crt", "etc/ssl/x/a.crt", false)]
    [InlineData("cert?.pem", "cert1.pem", true)]
    [InlineData("cert?.pem", "cert10.pem", false)]
    [InlineData("cert[0-4].pem", "cert3.pem", true)]
    [InlineData("cert[0-4].pem", "cert7.pem", false)]
    [InlineData("cert[!0-4].pem", "cert7.pem", true)]
    [InlineData("*a*b*", "xaxxbx", true)]
    [InlineData("*a*b*", "xbxxax", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("*.PEM", "a.pem", false)]
    public void IsMatch_Table(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("**/.git/**", ".git", true)]
    [InlineData("**/.git/**", "src/.git", true)]
    [InlineData("**/.git/**", "src/.github", false)]
    [InlineData("node_modules", "a/node_modules", true)]
    [InlineData("sub/**", "sub", true)]
    [InlineData("sub/**", "other", false)]
    [InlineData("*.pem", "dir.pem", true)]
    public void MatchesWholeDirectory_Table(string pattern, string directory, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).MatchesWholeDirectory(directory));
    }
}
