using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>Collects the certificates and problems of one container while a reader walks it.</summary>
internal sealed class ContainerResultBuilder
{
    private readonly List<FoundCertificate> _certificates = [];
    private List<Finding>? _problems;

    public ContainerResultBuilder(string source, ContainerFormat format)
    {
        Source = source;
        Format = format;
    }

    public string Source { get; }

    public ContainerFormat Format { get; set; }

    public bool ContainsPrivateKey { get; set; }

    public int CertificateCount => _certificates.Count;

    public bool HasProblems => _problems is { Count: > 0 };

    /// <summary>Parses and adds a certificate.</summary>
    /// <param name="ownedDer">DER bytes the record may keep (not a reusable buffer).</param>
    /// <param name="error">Why the bytes are not a certificate; the caller reports it with where they were.</param>
    /// <param name="alias">Keystore alias, if any.</param>
    /// <param name="hasPrivateKey">Whether the container holds this certificate's key.</param>
    public bool TryAdd(ReadOnlyMemory<byte> ownedDer, out string? error, string? alias = null, bool hasPrivateKey = false)
    {
        try
        {
            var record = CertificateParser.Parse(ownedDer);
            _certificates.Add(new FoundCertificate(record, _certificates.Count, alias, hasPrivateKey));
            error = null;
            return true;
        }
        catch (CertificateFormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Marks a certificate already added as accompanied by its private key.</summary>
    public void MarkPrivateKey(int position)
    {
        _certificates[position] = _certificates[position] with { HasPrivateKey = true };
    }

    public void Problem(string code, string message, Severity severity = Severity.Warning)
    {
        (_problems ??= []).Add(new Finding(code, severity, $"{Source}: {message}", Source));
    }

    public ContainerReadResult Build() =>
        new(Source, Format, _certificates, _problems ?? (IReadOnlyList<Finding>)[], ContainsPrivateKey);
}
