using System.Text.Json;
using Certwright.Acme.Protocol;

namespace Certwright.Tests.Acme.Protocol;

public sealed class AcmeProblemTests
{
    [Fact]
    public void Deserialize_Rfc8555SubproblemExample_OneLineSummary()
    {
        // RFC 8555 section 6.7.1.
        var json = """
            {
              "type": "urn:ietf:params:acme:error:malformed",
              "detail": "Some of the identifiers requested were rejected",
              "subproblems": [
                { "type": "urn:ietf:params:acme:error:malformed", "detail": "Invalid underscore in DNS name \"_example.org\"",
                  "identifier": { "type": "dns", "value": "_example.org" } },
                { "type": "urn:ietf:params:acme:error:rejectedIdentifier", "detail": "This CA will not issue for \"example.net\"",
                  "identifier": { "type": "dns", "value": "example.net" } }
              ]
            }
            """;

        var problem = JsonSerializer.Deserialize(json, AcmeJsonContext.Default.AcmeProblem)!;

        Assert.Equal(AcmeProblemTypes.Malformed, problem.Type);
        Assert.Equal(2, problem.Subproblems!.Count);
        Assert.Equal("example.net", problem.Subproblems[1].Identifier!.Value);
        Assert.Equal(
            "malformed: Some of the identifiers requested were rejected (_example.org: malformed: Invalid underscore in DNS name \"_example.org\"; "
            + "example.net: rejectedIdentifier: This CA will not issue for \"example.net\")",
            problem.ToString());
    }

    [Fact]
    public void Serialize_Order_OmitsNullMembers()
    {
        var order = new AcmeOrder { Identifiers = [AcmeIdentifier.Dns("a.test")] };

        Assert.Equal("""{"identifiers":[{"type":"dns","value":"a.test"}]}""", JsonSerializer.Serialize(order, AcmeJsonContext.Default.AcmeOrder));
    }
}
