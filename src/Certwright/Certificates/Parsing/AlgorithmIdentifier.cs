using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>An AlgorithmIdentifier: dotted OID, the encoding of its parameters (null when absent) and its whole encoding.</summary>
internal sealed record AlgorithmIdentifier(string Oid, byte[]? Parameters, byte[] Encoded)
{
    /// <summary>Reads one AlgorithmIdentifier SEQUENCE.</summary>
    /// <exception cref="AsnContentException">It is not OID plus at most one parameters value.</exception>
    public static AlgorithmIdentifier Read(ref DerReader reader)
    {
        var encoded = reader.ReadEncoded(out var tag, out var contents);
        if (tag != Asn1Tag.Sequence)
        {
            throw new AsnContentException($"expected an AlgorithmIdentifier SEQUENCE, found {tag}");
        }

        var sequence = new DerReader(contents, reader.Rules);
        var oid = sequence.ReadOid().Dotted;
        byte[]? parameters = sequence.HasData ? sequence.ReadEncoded().ToArray() : null;
        sequence.EnsureEnd();
        return new AlgorithmIdentifier(oid, parameters, encoded.ToArray());
    }

    /// <summary>Reads an AlgorithmIdentifier given its whole encoding.</summary>
    public static AlgorithmIdentifier Decode(ReadOnlySpan<byte> encoded, AsnEncodingRules rules)
    {
        var reader = new DerReader(encoded, rules);
        var algorithm = Read(ref reader);
        reader.EnsureEnd();
        return algorithm;
    }
}
