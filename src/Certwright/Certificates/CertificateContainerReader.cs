using Certwright.Internal;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads every certificate in one file's bytes, whatever the container: PEM (bundles, keys,
/// TRUSTED CERTIFICATE, PKCS7), DER, PKCS#7, PKCS#12 and Java JKS/JCEKS keystores. The format is
/// recognised from the content, never from the file name. Nothing here throws for bad input: every
/// problem becomes a <see cref="Finding"/> in the result, naming the file and never a password.
/// Thread-safe; one instance can serve parallel readers.
/// </summary>
public sealed class CertificateContainerReader
{
    /// <summary>Default limit for <see cref="ReadFileAsync"/>: 10 MiB, far above any real certificate file.</summary>
    public const long DefaultMaxFileSize = 10 * 1024 * 1024;

    public CertificateContainerReader(PasswordSource? passwords = null)
    {
        Passwords = passwords ?? PasswordSource.None;
    }

    /// <summary>Passwords tried on PKCS#12 files and Java keystores.</summary>
    public PasswordSource Passwords { get; }

    /// <summary>Reads the certificates in <paramref name="content"/>.</summary>
    /// <param name="source">Names the content in problems (usually the file path).</param>
    /// <param name="content">The file's bytes. Records copy what they keep, so the buffer may be reused afterwards.</param>
    public ContainerReadResult Read(string source, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(source);
        var span = content.Span;
        if (span.IndexOfAnyExcept(" \t\r\n\0"u8) < 0)
        {
            return ContainerReadResult.Failed(source, ContainerFormat.Unknown, Problem(source, FindingCodes.UnsupportedFormat, "the file is empty"));
        }

        var format = FormatSniffer.Detect(span);
        var result = new ContainerResultBuilder(source, format);
        switch (format)
        {
            case ContainerFormat.Pem:
                PemReader.Read(span, result);
                break;
            case ContainerFormat.Der:
                DerCertificateReader.Read(span, result);
                break;
            case ContainerFormat.Pkcs7:
                Pkcs7Reader.Read(span, result, where: null);
                break;
            case ContainerFormat.Pkcs12:
                Pkcs12Reader.Read(content, Passwords, result);
                break;
            case ContainerFormat.Jks:
            case ContainerFormat.Jceks:
                JavaKeyStoreReader.Read(span, Passwords, result);
                break;
            default:
                result.Problem(FindingCodes.UnsupportedFormat, "not a certificate file (no PEM block, DER certificate, PKCS#7, PKCS#12 or Java keystore)");
                break;
        }

        return result.Build();
    }

    /// <summary>Reads a file, refusing files larger than <paramref name="maxFileSize"/> without reading them.</summary>
    public async Task<ContainerReadResult> ReadFileAsync(string path, long maxFileSize = DefaultMaxFileSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content;
        try
        {
            if (Directory.Exists(path))
            {
                return ContainerReadResult.Failed(path, ContainerFormat.Unknown, Problem(path, FindingCodes.UnreadableFile, "is a directory; give a file here (import takes directories)"));
            }

            // Size 0 is not opened: FIFOs and devices report 0, and opening a FIFO blocks.
            if (new FileInfo(path) is { Exists: true, Length: 0 })
            {
                return Read(path, ReadOnlyMemory<byte>.Empty);
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
            if (stream.Length > maxFileSize)
            {
                return ContainerReadResult.Failed(path, ContainerFormat.Unknown, TooLarge(path, stream.Length, maxFileSize));
            }

            content = new byte[stream.Length];
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ContainerReadResult.Failed(path, ContainerFormat.Unknown, Unreadable(path, e));
        }

        return Read(path, content);
    }

    internal static Finding Problem(string source, string code, string message, Severity severity = Severity.Warning) =>
        new(code, severity, $"{source}: {message}", source);

    internal static Finding TooLarge(string path, long size, long limit) =>
        Problem(path, FindingCodes.FileTooLarge, $"{size} bytes is over the {limit}-byte limit; not read (raise the limit if it really holds certificates)");

    internal static Finding Unreadable(string path, Exception e) =>
        Problem(path, FindingCodes.UnreadableFile, $"cannot read: {BoundedFile.Reason(e)}");
}
