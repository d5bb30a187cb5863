namespace Certwright.Acme.Client;

/// <summary>Reads RFC 8288 Link headers (<c>&lt;url&gt;;rel="alternate", &lt;url&gt;;rel="up"</c>), as ACME uses them.</summary>
internal static class AcmeLinkHeader
{
    public static IReadOnlyList<(Uri Url, string Rel)> Parse(Uri baseUrl, IEnumerable<string> headers)
    {
        var links = new List<(Uri, string)>();
        foreach (var header in headers)
        {
            var rest = header.AsSpan();
            while (true)
            {
                var open = rest.IndexOf('<');
                var close = open < 0 ? -1 : rest[open..].IndexOf('>') + open;
                if (open < 0 || close < open)
                {
                    break;
                }

                var target = rest[(open + 1)..close].ToString();
                rest = rest[(close + 1)..];
                var next = rest.IndexOf('<');
                var parameters = next < 0 ? rest : rest[..next];
                var rel = ReadRel(parameters);
                if (rel is not null && Uri.TryCreate(baseUrl, target, out var url))
                {
                    links.Add((url, rel));
                }

                if (next < 0)
                {
                    break;
                }
            }
        }

        return links;
    }

    private static string? ReadRel(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var part = parameters[range].Trim();
            if (part.StartsWith("rel=", StringComparison.OrdinalIgnoreCase))
            {
                return part[4..].Trim().TrimEnd(',').Trim().Trim('"').ToString();
            }
        }

        return null;
    }
}
