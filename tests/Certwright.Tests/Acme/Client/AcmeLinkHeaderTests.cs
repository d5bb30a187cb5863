using Certwright.Acme.Client;

namespace Certwright.Tests.Acme.Client;

public sealed class AcmeLinkHeaderTests
{
    private static readonly Uri Base = new("https://ca.test/acme/cert/1");

    [Fact]
    public void Parse_SeveralLinksInOneAndManyHeaders_AllWithRels()
    {
        var links = AcmeLinkHeader.Parse(
            Base,
            ["<https://ca.test/dir>;rel=\"index\", <https://ca.test/acme/cert/1/1>;rel=\"alternate\"", "</acme/cert/1/2>; rel=alternate"]);

        Assert.Equal(
            [
                (new Uri("https://ca.test/dir"), "index"),
                (new Uri("https://ca.test/acme/cert/1/1"), "alternate"),
                (new Uri("https://ca.test/acme/cert/1/2"), "alternate"),
            ],
            links);
    }

    [Fact]
    public void Parse_NoRelOrBrokenBrackets_Skipped()
    {
        Assert.Empty(AcmeLinkHeader.Parse(Base, ["<https://ca.test/x>", "https://ca.test/y;rel=alternate", "<https://ca.test/z;rel=up"]));
    }
}
