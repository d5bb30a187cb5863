namespace Certwright.Acme.Server.Internal;

/// <summary>Answers with the ACME content types.</summary>
internal static class AcmeResponses
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string PemChain = "application/pem-certificate-chain";

    public static AcmeResponse Ok(byte[] json, int status = 200, string? location = null) => new(status, Json, json) { Location = location };

    public static AcmeResponse Problem(AcmeProblem problem) => new(problem.Status, ProblemJson, AcmeJson.Problem(problem));

    public static AcmeResponse Empty(int status) => new(status, null, []);
}
