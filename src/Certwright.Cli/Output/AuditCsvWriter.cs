using System.Text;
using Certwright.Monitoring.Audit;

namespace Certwright.Cli.Output;

/// <summary>
/// <c>audit --format csv</c>: RFC 4180 (CRLF line ends, every field quoted, quotes doubled), one header line. Fields
/// come from certificates and servers (untrusted), so a value a spreadsheet would run as a formula (starting with
/// = + - @, tab or carriage return) gets a leading apostrophe (OWASP's CSV injection advice).
/// </summary>
internal static class AuditCsvWriter
{
    public static async Task WriteAsync(TextWriter output, AuditReport report)
    {
        await output.WriteAsync(Line(AuditText.Columns));
        foreach (var row in report.Rows)
        {
            await output.WriteAsync(Line(AuditText.Cells(row)));
        }
    }

    internal static string Line(IEnumerable<string> cells)
    {
        var line = new StringBuilder();
        foreach (var cell in cells)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            line.Append('"').Append(Neutralise(cell).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return line.Append("\r\n").ToString();
    }

    internal static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
