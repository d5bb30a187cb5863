using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Certwright.Scanning.Internal.StartTls;

/// <summary>LDAP: the StartTLS ExtendedRequest (OID 1.3.6.1.4.1.1466.20037), its ExtendedResponse must say success (RFC 4511 4.14).</summary>
internal static class LdapStartTls
{
    private const int MaxMessageBytes = 8 * 1024;

    /// <summary>
    /// LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0] "1.3.6.1.4.1.1466.20037" } }, in DER.
    /// </summary>
    internal static readonly byte[] StartTlsRequest =
    [
        0x30, 0x1D, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16,
        .. "1.3.6.1.4.1.1466.20037"u8,
    ];

    private static readonly Asn1Tag ExtendedResponseTag = new(TagClass.Application, 24, isConstructed: true);

    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        await channel.SendAsync(StartTlsRequest, cancellationToken);
        var message = await ReadMessageAsync(channel, cancellationToken);
        var (messageId, resultCode, diagnostic) = ParseExtendedResponse(message, channel);
        if (resultCode != 0)
        {
            var detail = diagnostic.Length > 0 ? $": '{ReplyText.Summarize(diagnostic)}'" : "";
            var notice = messageId == 0 ? " in a notice of disconnection" : "";
            throw channel.Fail($"the server answered resultCode {resultCode.ToString(CultureInfo.InvariantCulture)} ({ResultName(resultCode)}){notice}{detail}");
        }

        if (messageId != 1)
        {
            throw channel.Fail($"the reply has messageID {messageId.ToString(CultureInfo.InvariantCulture)}, not 1");
        }
    }

    /// <summary>Parses an LDAPMessage holding an ExtendedResponse: (messageID, resultCode, diagnosticMessage).</summary>
    internal static (int MessageId, int ResultCode, string Diagnostic) ParseExtendedResponse(byte[] message, StartTlsChannel? channel)
    {
        try
        {
            var reader = new AsnReader(message, AsnEncodingRules.BER);
            var sequence = reader.ReadSequence();
            var messageId = ToInt(sequence.ReadInteger());
            var tag = sequence.PeekTag();
            if (!tag.HasSameClassAndValue(ExtendedResponseTag))
            {
                throw Fail(channel, $"expected an ExtendedResponse, got LDAP operation tag [{tag.TagClass} {tag.TagValue.ToString(CultureInfo.InvariantCulture)}]");
            }

            var response = sequence.ReadSequence(ExtendedResponseTag);
            var resultCode = ToInt(new BigInteger(response.ReadEnumeratedBytes().Span, isUnsigned: false, isBigEndian: true));
            _ = response.ReadOctetString();
            var diagnostic = Encoding.UTF8.GetString(response.ReadOctetString());
            return (messageId, resultCode, diagnostic);
        }
        catch (AsnContentException e)
        {
            throw Fail(channel, $"the reply is not a valid LDAP message ({e.Message})", e);
        }
    }

    private static async Task<byte[]> ReadMessageAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        const string waitingFor = "the ExtendedResponse";
        var header = new byte[2];
        await channel.ReadExactAsync(header, waitingFor, cancellationToken);
        if (header[0] != 0x30)
        {
            throw channel.Fail($"the reply is not an LDAP message (first byte 0x{header[0]:x2})");
        }

        int length;
        byte[] lengthBytes = [];
        if (header[1] < 0x80)
        {
            length = header[1];
        }
        else
        {
            var count = header[1] & 0x7F;
            if (count is 0 or > 3)
            {
                throw channel.Fail($"the reply's length encoding 0x{header[1]:x2} is not supported");
            }

            lengthBytes = new byte[count];
            await channel.ReadExactAsync(lengthBytes, waitingFor, cancellationToken);
            length = 0;
            foreach (var b in lengthBytes)
            {
                length = (length << 8) | b;
            }
        }

        if (length > MaxMessageBytes)
        {
            throw channel.Fail($"the reply claims {length.ToString(CultureInfo.InvariantCulture)} bytes, more than the {MaxMessageBytes.ToString(CultureInfo.InvariantCulture)} accepted");
        }

        var message = new byte[2 + lengthBytes.Length + length];
        header.CopyTo(message, 0);
        lengthBytes.CopyTo(message, 2);
        await channel.ReadExactAsync(message.AsMemory(2 + lengthBytes.Length), waitingFor, cancellationToken);
        return message;
    }

    private static int ToInt(BigInteger value) => value >= int.MinValue && value <= int.MaxValue ? (int)value : -1;

    private static Exception Fail(StartTlsChannel? channel, string why, Exception? inner = null)
        => channel is not null ? channel.Fail(why, inner) : new FormatException(why, inner);

    private static string ResultName(int code) => code switch
    {
        1 => "operationsError",
        2 => "protocolError",
        7 => "authMethodNotSupported",
        8 => "strongerAuthRequired",
        12 => "unavailableCriticalExtension",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        80 => "other",
        _ => "see RFC 4511",
    };
}
