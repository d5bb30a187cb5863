using Certwright.Certificates;

namespace Certwright.Inventory;

/// <summary>The one-line subjectAltName text the inventory lists: <c>DNS:a, DNS:b, IP:10.0.0.1 (+40 more)</c>.</summary>
internal static class SanSummary
{
    /// <summary>Longest summary kept; a certificate with hundreds of names is summarised, the DER keeps them all.</summary>
    public const int MaxLength = 256;

    /// <summary>Room <see cref="Format(IReadOnlyList{SubjectAlternativeName}, Span{char})"/> needs: the names plus a " (+N more)" tail.</summary>
    public const int MaxFormattedLength = MaxLength + 32;

    public static string Format(IReadOnlyList<SubjectAlternativeName> names)
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        return new string(text[..Format(names, text)]);
    }

    /// <summary>Writes the summary into <paramref name="text"/> (at least <see cref="MaxFormattedLength"/> long); returns its length.</summary>
    public static int Format(IReadOnlyList<SubjectAlternativeName> names, Span<char> text)
    {
        ArgumentNullException.ThrowIfNull(names);
        var length = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var prefix = SubjectAlternativeName.Prefix(names[i].Kind);
            var value = names[i].Value;
            var nameLength = prefix.Length + 1 + value.Length;
            var more = names.Count - i;
            // Leave room for the " (+N more)" tail unless this is the last name.
            var reserve = more > 1 ? 16 : 0;
            if (length + 2 + nameLength + reserve > MaxLength)
            {
                length += Append(text[length..], length == 0 ? "" : " ");
                length += Append(text[length..], "(+");
                more.TryFormat(text[length..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
                length += digits;
                length += Append(text[length..], " more)");
                break;
            }

            length += Append(text[length..], length == 0 ? "" : ", ");
            length += Append(text[length..], prefix);
            length += Append(text[length..], ":");
            length += Append(text[length..], value);
        }

        return length;
    }

    private static int Append(Span<char> destination, string value)
    {
        value.CopyTo(destination);
        return value.Length;
    }
}
