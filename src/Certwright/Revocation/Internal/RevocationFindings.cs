using Certwright.Policy;

namespace Certwright.Revocation.Internal;

/// <summary>The findings a revocation outcome implies. An unreachable source is a warning, never silence.</summary>
internal static class RevocationFindings
{
    public static IReadOnlyList<Finding> For(RevocationResult result, string name, string sha256, bool ocspTried, bool crlTried)
    {
        switch (result.Status)
        {
            case RevocationStatus.Revoked:
                var reason = result.Reason is null ? "" : $" ({result.Reason})";
                return [new Finding(FindingCodes.Revoked, Severity.Critical, $"{name} was revoked on {result.RevokedAt:u}{reason}, says the {SourceName(result.Source)}", sha256)];
            case RevocationStatus.Unknown:
                return [new Finding(FindingCodes.RevocationUnknown, Severity.Warning, $"the OCSP responder {result.Url} does not know {name} (status unknown)", sha256)];
            case RevocationStatus.Unavailable:
                var findings = new List<Finding>(2);
                if (ocspTried)
                {
                    findings.Add(new Finding(FindingCodes.OcspUnreachable, Severity.Warning, $"revocation of {name} could not be checked: {result.Detail}", sha256));
                }

                if (crlTried && !ocspTried)
                {
                    findings.Add(new Finding(FindingCodes.CrlUnreachable, Severity.Warning, $"revocation of {name} could not be checked: {result.Detail}", sha256));
                }
                else if (crlTried)
                {
                    findings.Add(new Finding(FindingCodes.CrlUnreachable, Severity.Warning, $"no CRL of {name} could be used either", sha256));
                }

                return findings;
            default:
                return [];
        }
    }

    private static string SourceName(RevocationSource source) => source switch
    {
        RevocationSource.Stapled => "stapled OCSP response",
        RevocationSource.Ocsp => "OCSP responder",
        _ => "CRL",
    };
}
