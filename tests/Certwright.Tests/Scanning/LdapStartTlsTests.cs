using System.Formats.Asn1;
using Certwright.Scanning.Internal.StartTls;

namespace Certwright.Tests.Scanning;

public sealed class LdapStartTlsTests
{
    [Fact]
    public void StartTlsRequest_IsTheRfc4511ExtendedRequest()
    {
        var reader = new AsnReader(LdapStartTls.StartTlsRequest, AsnEncodingRules.DER);
        var message = reader.ReadSequence();
        Assert.Equal(1, (int)message.ReadInteger());
        var request = message.ReadSequence(new Asn1Tag(TagClass.Application, 23, isConstructed: true));
        var name = request.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));

        Assert.Equal("1.3.6.1.4.1.1466.20037", System.Text.Encoding.ASCII.GetString(name));
        Assert.False(reader.HasData);
        Assert.False(message.HasData);
        Assert.False(request.HasData);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(52, "TLS not configured")]
    public void ParseExtendedResponse_ReadsResultCodeAndDiagnostic(int resultCode, string diagnostic)
    {
        var response = Response(messageId: 1, resultCode, diagnostic);

        var parsed = LdapStartTls.ParseExtendedResponse(response, channel: null);

        Assert.Equal((1, resultCode, diagnostic), parsed);
    }

    [Fact]
    public void ParseExtendedResponse_WrongOperation_Throws()
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence(new Asn1Tag(TagClass.Application, 1, isConstructed: true)))
            {
                writer.WriteEnumeratedValue(ResultCode.Success);
            }
        }

        var error = Assert.Throws<FormatException>(() => LdapStartTls.ParseExtendedResponse(writer.Encode(), channel: null));

        Assert.StartsWith("expected an ExtendedResponse, got LDAP operation tag [Application 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseExtendedResponse_Truncated_Throws()
    {
        var response = Response(1, 0, "");

        var error = Assert.Throws<FormatException>(() => LdapStartTls.ParseExtendedResponse(response[..^3], channel: null));

        Assert.StartsWith("the reply is not a valid LDAP message", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Response(int messageId, int resultCode, string diagnostic)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(messageId);
            using (writer.PushSequence(new Asn1Tag(TagClass.Application, 24, isConstructed: true)))
            {
                writer.WriteEnumeratedValue((ResultCode)resultCode);
                writer.WriteOctetString([]);
                writer.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(diagnostic));
            }
        }

        return writer.Encode();
    }

    private enum ResultCode
    {
        Success = 0,
    }
}
