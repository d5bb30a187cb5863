using System.Buffers;
using System.Buffers.Text;

namespace Certwright.Certificates;

/// <summary>What a PEM block holds, judged from its label.</summary>
internal enum PemBlockKind
{
    Other,
    Certificate,
    TrustedCertificate,
    Pkcs7,
    PrivateKey,
}

/// <summary>One PEM block: its label, kind, base64 body and where it starts.</summary>
internal readonly ref struct PemBlock
{
    public required ReadOnlySpan<byte> Label { get; init; }

    public required PemBlockKind Kind { get; init; }

    /// <summary>The text between the BEGIN and END lines (base64, possibly with headers and whitespace).</summary>
    public required ReadOnlySpan<byte> Body { get; init; }

    /// <summary>Offset of the BEGIN line in the text.</summary>
    public required int Offset { get; init; }

    /// <summary>1-based number of the block among the blocks of the text.</summary>
    public required int Number { get; init; }

    /// <summary>False when no matching END line follows (the body is then empty).</summary>
    public required bool IsTerminated { get; init; }
}

/// <summary>
/// Finds the PEM blocks of a text: any number of blocks with text before, between and after them, LF or
/// CRLF line endings. Linear in the size of the text: after a BEGIN line, the next "-----" must start
/// the matching END line (base64 and RFC 1421 headers never contain it); anything else means the block
/// is unterminated, and scanning goes on from there, so a missing END line costs one block, not the rest
/// of the file. Used by the container reader and by the validator's trust store.
/// </summary>
internal ref struct PemBlockReader
{
    private const int MaxLabelLength = 80;

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n\v\f"u8);

    private readonly ReadOnlySpan<byte> _text;
    private int _position;
    private int _blockNumber;

    public PemBlockReader(ReadOnlySpan<byte> text)
    {
        _text = text;
    }

    private static ReadOnlySpan<byte> Begin => "-----BEGIN "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    private static ReadOnlySpan<byte> EndPrefix => "-----END "u8;

    public bool TryReadNext(out PemBlock block)
    {
        var text = _text;
        while (_position < text.Length)
        {
            var begin = text[_position..].IndexOf(Begin);
            if (begin < 0)
            {
                break;
            }

            begin += _position;
            var labelStart = begin + Begin.Length;
            var labelLength = text[labelStart..].IndexOf(Dashes);
            if (labelLength <= 0 || labelLength > MaxLabelLength || text.Slice(labelStart, labelLength).IndexOfAny((byte)'\n', (byte)'\r') >= 0)
            {
                // "-----BEGIN " that does not start a block header.
                _position = labelStart;
                continue;
            }

            _blockNumber++;
            var label = text.Slice(labelStart, labelLength);
            var bodyStart = labelStart + labelLength + Dashes.Length;
            var marker = text[bodyStart..].IndexOf(Dashes);
            var terminated = marker >= 0 && IsEndLine(text[(bodyStart + marker)..], label);
            if (terminated)
            {
                _position = bodyStart + marker + EndPrefix.Length + label.Length + Dashes.Length;
            }
            else
            {
                _position = marker < 0 ? text.Length : bodyStart + marker;
            }

            block = new PemBlock
            {
                Label = label,
                Kind = Classify(label),
                Body = terminated ? text.Slice(bodyStart, marker) : default,
                Offset = begin,
                Number = _blockNumber,
                IsTerminated = terminated,
            };
            return true;
        }

        _position = text.Length;
        block = default;
        return false;
    }

    /// <summary>Decodes base64 that may contain whitespace; null when it is not valid base64.</summary>
    /// <remarks>
    /// Whitespace is removed first (a vectorised scan per line): the decoder's own whitespace handling
    /// drops to a slow path at every line break, which made a 10,000-certificate bundle several times slower.
    /// </remarks>
    public static byte[]? DecodeBase64(ReadOnlySpan<byte> body)
    {
        var rented = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            var compact = rented.AsSpan();
            var length = 0;
            var rest = body;
            while (true)
            {
                var space = rest.IndexOfAny(Whitespace);
                if (space < 0)
                {
                    rest.CopyTo(compact[length..]);
                    length += rest.Length;
                    break;
                }

                rest[..space].CopyTo(compact[length..]);
                length += space;
                rest = rest[(space + 1)..];
            }

            // Decoding in place is safe: output never overtakes input.
            var status = Base64.DecodeFromUtf8InPlace(compact[..length], out var written);
            return status == OperationStatus.Done && written > 0 ? compact[..written].ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsEndLine(ReadOnlySpan<byte> text, ReadOnlySpan<byte> label) =>
        text.StartsWith(EndPrefix) && text[EndPrefix.Length..].StartsWith(label) && text[(EndPrefix.Length + label.Length)..].StartsWith(Dashes);

    private static PemBlockKind Classify(ReadOnlySpan<byte> label)
    {
        if (label.SequenceEqual("CERTIFICATE"u8) || label.SequenceEqual("X509 CERTIFICATE"u8) || label.SequenceEqual("X.509 CERTIFICATE"u8))
        {
            return PemBlockKind.Certificate;
        }

        if (label.SequenceEqual("TRUSTED CERTIFICATE"u8))
        {
            return PemBlockKind.TrustedCertificate;
        }

        if (label.SequenceEqual("PKCS7"u8) || label.SequenceEqual("PKCS #7 SIGNED DATA"u8) || label.SequenceEqual("CMS"u8))
        {
            return PemBlockKind.Pkcs7;
        }

        return label.EndsWith("PRIVATE KEY"u8) ? PemBlockKind.PrivateKey : PemBlockKind.Other;
    }
}
