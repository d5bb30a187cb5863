namespace Certwright.Cli.Output;

/// <summary>A plain-text table sized to its content: what <c>list</c> and <c>scan</c> print for people.</summary>
internal sealed class ConsoleTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public ConsoleTable(params string[] headers)
    {
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    public void Add(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells.Select(c => Sanitize(c ?? "")).ToArray());
    }

    public void Write(TextWriter writer)
    {
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = _headers[i].Length;
            foreach (var row in _rows)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(writer, _headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            writer.Write(last ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        writer.WriteLine();
    }

    /// <summary>Certificate fields come from untrusted input: keep control characters out of the terminal.</summary>
    internal static string Sanitize(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        span[i] = char.IsControl(source[i]) ? '?' : source[i];
                    }
                });
            }
        }

        return text;
    }
}
