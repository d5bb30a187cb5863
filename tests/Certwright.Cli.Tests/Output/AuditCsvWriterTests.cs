using Certwright.Cli.Output;

namespace Certwright.Cli.Tests.Output;

public sealed class AuditCsvWriterTests
{
    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Neutralise_FormulaStart_GetsApostrophe(string value, string expected) =>
        Assert.Equal(expected, AuditCsvWriter.Neutralise(value));

    [Fact]
    public void Line_QuotesDoubledAndCrLf()
    {
        Assert.Equal("\"a \"\"b\"\"\",\"c,d\",\"line\nbreak\",\"'-1\"\r\n", AuditCsvWriter.Line(["a \"b\"", "c,d", "line\nbreak", "-1"]));
    }
}
