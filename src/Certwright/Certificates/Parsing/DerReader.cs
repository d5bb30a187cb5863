using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// A forward-only reader over one ASN.1 value's contents, on spans (no allocation per element).
/// It reads BER, a superset of DER: old certificates carry BER oddities (BOOLEAN TRUE as 0x01,
/// long-form lengths, UTCTime without seconds) that clients still accept, and fingerprints are
/// taken over the original bytes anyway. Structural errors throw <see cref="AsnContentException"/>.
/// The path validator reads with <see cref="AsnEncodingRules.DER"/> instead, to find what is not DER;
/// readers made from this one (sequences, sets, wrappers) keep its rules.
/// </summary>
internal ref struct DerReader
{
    // RFC 5280 UTCTime: 50..99 is 19xx, 00..49 is 20xx.
    private const int TwoDigitYearMax = 2049;

    private readonly AsnEncodingRules _rules;
    private ReadOnlySpan<byte> _data;

    public DerReader(ReadOnlySpan<byte> data, AsnEncodingRules rules = AsnEncodingRules.BER)
    {
        _data = data;
        _rules = rules;
    }

    public readonly AsnEncodingRules Rules => _rules;

    public readonly bool HasData => !_data.IsEmpty;

    public readonly ReadOnlySpan<byte> Remaining => _data;

    /// <summary>Whether the next value has this tag's class and number (constructed bit ignored).</summary>
    public readonly bool NextIs(Asn1Tag tag) =>
        !_data.IsEmpty && Asn1Tag.TryDecode(_data, out var next, out _) && next.HasSameClassAndValue(tag);

    public readonly Asn1Tag PeekTag() =>
        Asn1Tag.TryDecode(_data, out var tag, out _) ? tag : throw new AsnContentException("expected a value, found the end of the data");

    /// <summary>Reads any value; returns its whole encoding (tag, length, contents).</summary>
    public ReadOnlySpan<byte> ReadEncoded(out Asn1Tag tag, out ReadOnlySpan<byte> contents)
    {
        tag = AsnDecoder.ReadEncodedValue(_data, _rules, out var offset, out var length, out var consumed);
        contents = _data.Slice(offset, length);
        var whole = _data[..consumed];
        _data = _data[consumed..];
        return whole;
    }

    public ReadOnlySpan<byte> ReadEncoded() => ReadEncoded(out _, out _);

    public DerReader ReadSequence(Asn1Tag? tag = null)
    {
        AsnDecoder.ReadSequence(_data, _rules, out var offset, out var length, out var consumed, tag);
        var inner = new DerReader(_data.Slice(offset, length), _rules);
        _data = _data[consumed..];
        return inner;
    }

    /// <summary>Reads a SET OF without checking DER sort order (BER and real certificates do not sort).</summary>
    public DerReader ReadSetOf(Asn1Tag? tag = null)
    {
        AsnDecoder.ReadSetOf(_data, _rules, out var offset, out var length, out var consumed, skipSortOrderValidation: true, tag);
        var inner = new DerReader(_data.Slice(offset, length), _rules);
        _data = _data[consumed..];
        return inner;
    }

    /// <summary>Reads an explicitly tagged wrapper (<c>[n] EXPLICIT</c>) and returns a reader over its contents.</summary>
    public DerReader ReadExplicit(Asn1Tag tag)
    {
        ReadEncoded(out var actual, out var contents);
        if (!actual.IsConstructed || !actual.HasSameClassAndValue(tag))
        {
            throw new AsnContentException($"expected {tag}, found {actual}");
        }

        return new DerReader(contents, _rules);
    }

    public ReadOnlySpan<byte> ReadIntegerBytes(Asn1Tag? tag = null)
    {
        var value = AsnDecoder.ReadIntegerBytes(_data, _rules, out var consumed, tag);
        _data = _data[consumed..];
        return value;
    }

    public int ReadInt32(Asn1Tag? tag = null)
    {
        if (!AsnDecoder.TryReadInt32(_data, _rules, out var value, out var consumed, tag))
        {
            throw new AsnContentException("integer is too large");
        }

        _data = _data[consumed..];
        return value;
    }

    public bool ReadBoolean(Asn1Tag? tag = null)
    {
        var value = AsnDecoder.ReadBoolean(_data, _rules, out var consumed, tag);
        _data = _data[consumed..];
        return value;
    }

    /// <summary>The content octets of an OBJECT IDENTIFIER (look them up in <see cref="OidRegistry"/>).</summary>
    public ReadOnlySpan<byte> ReadOidContents(Asn1Tag? tag = null)
    {
        var expected = tag ?? Asn1Tag.ObjectIdentifier;
        ReadEncoded(out var actual, out var contents);
        if (actual.IsConstructed || !actual.HasSameClassAndValue(expected) || contents.IsEmpty)
        {
            throw new AsnContentException($"expected an OBJECT IDENTIFIER, found {actual}");
        }

        return contents;
    }

    public OidInfo ReadOid(Asn1Tag? tag = null) => OidRegistry.Lookup(ReadOidContents(tag));

    public ReadOnlySpan<byte> ReadOctetString(Asn1Tag? tag = null)
    {
        if (AsnDecoder.TryReadPrimitiveOctetString(_data, _rules, out var value, out var consumed, tag))
        {
            _data = _data[consumed..];
            return value;
        }

        // BER constructed form: rare, so the copy does not matter.
        var copy = AsnDecoder.ReadOctetString(_data, _rules, out consumed, tag);
        _data = _data[consumed..];
        return copy;
    }

    public ReadOnlySpan<byte> ReadBitString(out int unusedBits, Asn1Tag? tag = null)
    {
        if (AsnDecoder.TryReadPrimitiveBitString(_data, _rules, out unusedBits, out var value, out var consumed, tag))
        {
            _data = _data[consumed..];
            return value;
        }

        var copy = AsnDecoder.ReadBitString(_data, _rules, out unusedBits, out consumed, tag);
        _data = _data[consumed..];
        return copy;
    }

    /// <summary>Reads a Time (UTCTime or GeneralizedTime).</summary>
    public DateTimeOffset ReadTime() => ReadTime(out _);

    /// <summary>Reads a Time; <paramref name="encoded"/> is its whole encoding, for checks of its exact form.</summary>
    public DateTimeOffset ReadTime(out ReadOnlySpan<byte> encoded)
    {
        var start = _data;
        var tag = PeekTag();
        DateTimeOffset value;
        int consumed;
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            value = AsnDecoder.ReadUtcTime(_data, _rules, out consumed, TwoDigitYearMax);
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            value = AsnDecoder.ReadGeneralizedTime(_data, _rules, out consumed);
        }
        else
        {
            throw new AsnContentException($"expected UTCTime or GeneralizedTime, found {tag}");
        }

        encoded = start[..consumed];
        _data = _data[consumed..];
        return value;
    }

    public void Skip() => ReadEncoded();

    /// <summary>Skips the next value when it has this tag; returns whether it did.</summary>
    public bool SkipIf(Asn1Tag tag)
    {
        if (!NextIs(tag))
        {
            return false;
        }

        Skip();
        return true;
    }

    public readonly void EnsureEnd()
    {
        if (!_data.IsEmpty)
        {
            throw new AsnContentException($"{_data.Length} unexpected bytes after the last field");
        }
    }
}
