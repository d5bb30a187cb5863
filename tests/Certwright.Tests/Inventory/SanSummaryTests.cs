using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Tests.Inventory;

public sealed class SanSummaryTests
{
    [Fact]
    public void Format_FewNames_JoinsThemInOpensslForm()
    {
        var names = new[] { new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, "a.test"), new SubjectAlternativeName(SubjectAlternativeNameKind.IpAddress, "127.0.0.1") };

        Assert.Equal("DNS:a.test, IP:127.0.0.1", SanSummary.Format(names));
        Assert.Equal("", SanSummary.Format([]));
    }

    [Fact]
    public void Format_HundredsOfNames_StaysShortAndCountsTheRest()
    {
        var names = Enumerable.Range(0, 300).Select(i => new SubjectAlternativeName(SubjectAlternativeNameKind.Dns, $"host{i:D3}.example.test")).ToList();

        var summary = SanSummary.Format(names);

        Assert.True(summary.Length <= SanSummary.MaxLength, summary);
        Assert.StartsWith("DNS:host000.example.test, DNS:host001.example.test, ", summary, StringComparison.Ordinal);
        var shown = summary.Split(", ").Length;
        Assert.EndsWith($" (+{300 - shown} more)", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SubjectAlternativeNameKind.Dns, "a.test")]
    [InlineData(SubjectAlternativeNameKind.IpAddress, "10.0.0.1")]
    [InlineData(SubjectAlternativeNameKind.Uri, "spiffe://example.test/api")]
    [InlineData(SubjectAlternativeNameKind.Email, "ops@example.test")]
    [InlineData(SubjectAlternativeNameKind.DirectoryName, "CN=dir")]
    [InlineData(SubjectAlternativeNameKind.Other, "1.2.3.4")]
    public void Format_EveryKind_WritesTheNameAsItsToStringDoes(SubjectAlternativeNameKind kind, string value)
    {
        var name = new SubjectAlternativeName(kind, value);

        Assert.Equal(name.ToString(), SanSummary.Format([name]));
    }

    [Fact]
    public void Format_OneNameLongerThanTheSummary_CountsItInstead()
    {
        var name = new SubjectAlternativeName(SubjectAlternativeNameKind.Uri, "https://" + new string('a', 400));

        Assert.Equal("(+1 more)", SanSummary.Format([name]));
    }
}
