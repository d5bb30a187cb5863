using System.Formats.Asn1;
using Certwright.Certificates;

namespace Certwright.Cli.Output;

/// <summary>Renders DER distinguished names a server sent (client certificate CA names) as RFC 4514 text.</summary>
internal static class DistinguishedNames
{
    /// <summary>The RFC 4514 form; a name that does not decode is shown as <c>#</c> and its hex, marked as such.</summary>
    public static string Render(byte[] der)
    {
        try
        {
            var text = DistinguishedNameFormatter.Format(der, out _);
            return text.Length == 0 ? "(empty name)" : text;
        }
        catch (AsnContentException)
        {
            return $"#{Convert.ToHexString(der).ToLowerInvariant()} (not a valid DER name)";
        }
    }
}
