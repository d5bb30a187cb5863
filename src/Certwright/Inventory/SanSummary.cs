using System.Text;
using Certwright.Certificates;

namespace Certwright.Inventory;

/// <summary>The one-line subjectAltName text the inventory lists: <c>DNS:a, DNS:b, IP:10.0.0.1 (+40 more)</c>.</summary>
internal static class SanSummary
{
    /// <summary>Longest summary kept; a certificate with hundreds of names is summarised, the DER keeps them all.</summary>
    public const int MaxLength = 256;

    public static string Format(IReadOnlyList<SubjectAlternativeName> names)
    {
        var text = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].ToString();
            var more = names.Count - i;
            // Leave room for the " (+N more)" tail unless this is the last name.
            var reserve = more > 1 ? 16 : 0;
            if (text.Length + 2 + name.Length + reserve > MaxLength)
            {
                text.Append(text.Length == 0 ? "" : " ").Append("(+").Append(more).Append(" more)");
                break;
            }

            text.Append(text.Length == 0 ? "" : ", ").Append(name);
        }

        return text.ToString();
    }
}
