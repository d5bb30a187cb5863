using System.Buffers;
using Certwright.Certificates;
using Certwright.Policy;
using Microsoft.Win32.SafeHandles;

namespace Certwright.Discovery;

/// <summary>
/// Reads one file and its certificates. Big files are judged from their first 64 KiB before the rest
/// is read: a binary file that is no certificate container is dropped after one small read. Buffers are
/// pooled (the container reader copies what it keeps), so reading allocates little per file.
/// </summary>
internal sealed class FileProcessor(CertificateContainerReader reader, DiscoveryOptions options, DiscoveryStatistics statistics)
{
    internal const int SniffLength = 64 * 1024;

    /// <summary>The file's result, or null for a file found while walking that holds nothing of interest.</summary>
    public ContainerReadResult? Process(FileWork work)
    {
        byte[]? buffer = null;
        try
        {
            using var handle = File.OpenHandle(work.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length > options.MaxFileSize)
            {
                return ContainerReadResult.Failed(work.Path, ContainerFormat.Unknown, CertificateContainerReader.TooLarge(work.Path, length, options.MaxFileSize));
            }

            if (length == 0)
            {
                return work.Explicit ? reader.Read(work.Path, ReadOnlyMemory<byte>.Empty) : null;
            }

            var size = (int)length;
            buffer = ArrayPool<byte>.Shared.Rent(Math.Min(size, SniffLength));
            var read = ReadFully(handle, buffer.AsSpan(0, Math.Min(size, SniffLength)), 0);
            if (size > read && read == SniffLength)
            {
                if (!work.Explicit && IsUninterestingBinary(buffer.AsSpan(0, read)) && !HasCertificateExtension(work.Path))
                {
                    statistics.AddFileRead(read);
                    return null;
                }

                var whole = ArrayPool<byte>.Shared.Rent(size);
                buffer.AsSpan(0, read).CopyTo(whole);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = whole;
                read += ReadFully(handle, buffer.AsSpan(read, size - read), read);
            }

            statistics.AddFileRead(read);
            var result = reader.Read(work.Path, buffer.AsMemory(0, read));
            return work.Explicit || IsWorthReporting(result, work.Path) ? result : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ContainerReadResult.Failed(work.Path, ContainerFormat.Unknown, CertificateContainerReader.Unreadable(work.Path, e));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Binary (has NUL bytes) and not starting like a DER, PKCS#12 or keystore file.</summary>
    private static bool IsUninterestingBinary(ReadOnlySpan<byte> prefix) =>
        prefix.Contains((byte)0) && FormatSniffer.DetectBinary(prefix) == ContainerFormat.Unknown && !FormatSniffer.ContainsPem(prefix);

    /// <summary>
    /// A file met while walking is reported when it has certificates or problems, except that "not a
    /// certificate file" only counts for files whose name says they should be one.
    /// </summary>
    private static bool IsWorthReporting(ContainerReadResult result, string path)
    {
        if (result.Certificates.Count > 0)
        {
            return true;
        }

        if (result.Problems.Count == 0)
        {
            return false;
        }

        return HasCertificateExtension(path) || result.Problems.Any(p => p.Code != FindingCodes.UnsupportedFormat);
    }

    private static bool HasCertificateExtension(string path) => DiscoveryConstants.CertificateExtensions.Contains(Path.GetExtension(path));
}
