using System.Text;
using Certwright.Certificates;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>
/// Observations as the rows they become: every value a write binds, already in SQLite's form (UTF-8 text, fingerprint
/// bytes, unix seconds), in one byte buffer. The writer keeps thousands of observations waiting to be written in key
/// order; as objects they would outlive the GC's youngest generation and be copied into older ones (a chunk of 16,384
/// kept as objects cost more CPU than key order saved), as bytes they cost the GC nothing.
/// </summary>
/// <remarks>
/// Encoding checks what the write would otherwise find wrong later (fingerprint digits), so a bad observation fails
/// the call that hands it over.
/// </remarks>
internal sealed class SqliteRowBuffer(LocationHash locationHash)
{
    private const int Sha256Length = 32;
    private const int Sha1Length = 20;

    private readonly SqliteLocationKey _key = new();
    private readonly List<string> _namespaces = [];
    private byte[] _bytes = new byte[4096];
    private SqliteRow[] _rows = new SqliteRow[4];
    private int _used;
    private SightingLocation? _previousLocation;
    private PublicKeyDescription? _lastKey;
    private string _lastKeyText = "";

    public int Count { get; private set; }

    public ref readonly SqliteRow this[int index] => ref _rows[index];

    /// <summary>The bytes of a value of a row.</summary>
    public ReadOnlySpan<byte> this[Slice slice] => _bytes.AsSpan(slice.Start, slice.Length);

    public string Namespace(in SqliteRow row) => _namespaces[row.Namespace];

    /// <summary>Appends <paramref name="observation"/>; throws <see cref="ArgumentException"/> (and appends nothing) when a fingerprint is malformed.</summary>
    public void Add(CertificateObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var certificate = observation.Certificate;
        var location = observation.Location;
        var start = _used;
        try
        {
            var sha256 = Fingerprint(certificate.Sha256, Sha256Length, nameof(certificate.Sha256));
            var notAfter = SqliteTime.ToSeconds(certificate.NotAfter);
            var firstId = SqliteCertificateKeys.Id(notAfter, SqliteCertificateKeys.Slot(this[sha256]), 0);
            var sha1 = Fingerprint(certificate.Sha1, Sha1Length, nameof(certificate.Sha1));
            // Consecutive observations of one file share the location object: the run's first row carries the key.
            var sameLocation = Count > 0 && ReferenceEquals(location, _previousLocation);
            Slice key = default;
            long hash = 0;
            if (!sameLocation)
            {
                _key.Set(location);
                key = Append(_key.Encoded);
                hash = locationHash(_key.Encoded);
            }

            Span<char> sans = stackalloc char[SanSummary.MaxFormattedLength];
            var row = new SqliteRow
            {
                LocationKey = key,
                LocationHash = hash,
                SameLocationAsPrevious = sameLocation,
                Namespace = NamespaceIndex(location.Namespace),
                FirstLocation = Append(location.ToString()),
                Position = observation.Position,
                Seen = SqliteTime.ToSeconds(observation.SeenAt),
                FirstId = firstId,
                NotAfter = notAfter,
                NotBefore = SqliteTime.ToSeconds(certificate.NotBefore),
                Sha256 = sha256,
                Sha1 = sha1,
                Serial = Append(certificate.SerialNumber),
                Subject = Append(certificate.Subject),
                Issuer = Append(certificate.Issuer),
                CommonName = certificate.CommonName is null ? Slice.Null : Append(certificate.CommonName),
                KeyDescription = Append(KeyText(certificate.PublicKey)),
                KeyBits = certificate.PublicKey.SizeBits,
                SignatureAlgorithm = Append(certificate.SignatureAlgorithm),
                SanSummary = Append(sans[..SanSummary.Format(certificate.SubjectAlternativeNames, sans)]),
                IsCertificateAuthority = certificate.IsCertificateAuthority,
                IsSelfSigned = certificate.IsSelfSigned,
                Der = Append(certificate.Der.Span),
            };
            if (Count == _rows.Length)
            {
                Grow(ref _rows, Count * 2, Count);
            }

            _rows[Count++] = row;
            _previousLocation = location;
        }
        catch
        {
            _used = start;
            throw;
        }
    }

    /// <summary>Forgets every row; the buffers stay for the next ones.</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
        _previousLocation = null;
    }

    private static void Grow<T>(ref T[] array, int atLeast, int used)
    {
        var larger = new T[Math.Max(atLeast, array.Length * 2)];
        array.AsSpan(0, used).CopyTo(larger);
        array = larger;
    }

    private Span<byte> Reserve(int length)
    {
        if (_used + length > _bytes.Length)
        {
            Grow(ref _bytes, _used + length, _used);
        }

        var span = _bytes.AsSpan(_used, length);
        _used += length;
        return span;
    }

    private Slice Append(ReadOnlySpan<byte> value)
    {
        var start = _used;
        value.CopyTo(Reserve(value.Length));
        return new(start, value.Length);
    }

    private Slice Append(ReadOnlySpan<char> text)
    {
        var start = _used;
        var room = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, room);
        _used = start + length;
        return new(start, length);
    }

    private int NamespaceIndex(string name)
    {
        // A session sees one namespace, or a handful.
        for (var i = _namespaces.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_namespaces[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        _namespaces.Add(name);
        return _namespaces.Count - 1;
    }

    // A handful of key types repeat across thousands of certificates: format each run of equal ones once.
    private string KeyText(PublicKeyDescription key)
    {
        if (!key.Equals(_lastKey))
        {
            (_lastKey, _lastKeyText) = (key, key.ToString());
        }

        return _lastKeyText;
    }

    // Convert.FromHexString shuffles bytes, which the Native AOT baseline (SSE2) emulates lane by lane; a digit
    // table is several times faster there, and branch-free (hex digits are random, so a compare chain mispredicts).
    private Slice Fingerprint(string hex, int length, string name)
    {
        if (hex.Length == length * 2)
        {
            var start = _used;
            var destination = Reserve(length);
            var digits = HexDigits;
            var invalid = 0;
            for (var i = 0; i < length; i++)
            {
                int high = digits[(byte)hex[2 * i]], low = digits[(byte)hex[(2 * i) + 1]];
                // A char above 0xFF would alias a digit in the table: flag it.
                invalid |= high | low | ((hex[2 * i] | hex[(2 * i) + 1]) > 0xFF ? -1 : 0);
                destination[i] = (byte)((high << 4) | low);
            }

            if (invalid >= 0)
            {
                return new(start, length);
            }
        }

        throw new ArgumentException($"certificate {name} must be {length * 2} hex digits, not '{hex}'", name);
    }

    /// <summary>The value of each byte as a hex digit, or -1.</summary>
    private static ReadOnlySpan<sbyte> HexDigits =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];
}

/// <summary>A value's place in a <see cref="SqliteRowBuffer"/>; <see cref="Null"/> for SQL NULL.</summary>
internal readonly record struct Slice(int Start, int Length)
{
    public static Slice Null => new(0, -1);

    public bool IsNull => Length < 0;
}

/// <summary>One observation as <see cref="SqliteRowBuffer"/> keeps it: numbers inline, text and bytes as slices.</summary>
internal readonly record struct SqliteRow
{
    /// <summary>The encoded location key (<see cref="SqliteLocationKey.Encoded"/>); empty when <see cref="SameLocationAsPrevious"/>.</summary>
    public Slice LocationKey { get; init; }

    public long LocationHash { get; init; }

    /// <summary>The row before has the same location (the same object: one file's certificates).</summary>
    public bool SameLocationAsPrevious { get; init; }

    public int Namespace { get; init; }

    /// <summary>The location as <c>list</c> shows it, for a new certificate's first_location.</summary>
    public Slice FirstLocation { get; init; }

    public int Position { get; init; }

    public long Seen { get; init; }

    /// <summary>The certificate id its probe chain starts at (see <see cref="SqliteCertificateKeys"/>).</summary>
    public long FirstId { get; init; }

    public long NotAfter { get; init; }

    public long NotBefore { get; init; }

    public Slice Sha256 { get; init; }

    public Slice Sha1 { get; init; }

    public Slice Serial { get; init; }

    public Slice Subject { get; init; }

    public Slice Issuer { get; init; }

    public Slice CommonName { get; init; }

    public Slice KeyDescription { get; init; }

    public int KeyBits { get; init; }

    public Slice SignatureAlgorithm { get; init; }

    public Slice SanSummary { get; init; }

    public bool IsCertificateAuthority { get; init; }

    public bool IsSelfSigned { get; init; }

    public Slice Der { get; init; }
}
