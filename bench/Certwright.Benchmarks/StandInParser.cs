using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Certwright.Benchmarks;

/// <summary>
/// STAND-IN for Certwright's parser, used only while src/Certwright/Certificates/CertificateContainerReader.cs
/// is absent: PEM through the platform's PemEncoding, certificates through X509CertificateLoader (OpenSSL),
/// filled into the same CertificateRecord model by <see cref="BclRecordReader"/>.
/// </summary>
internal static class StandInParser
{
    public static int ParseFile(string path, ParseStage stage)
    {
        var bytes = File.ReadAllBytes(path);
        if (stage == ParseStage.Read)
        {
            return 0;
        }

        ReadOnlySpan<byte> rest = bytes;
        var count = 0;
        while (PemEncoding.TryFindUtf8(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"u8))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Base64.DecodeFromUtf8(rest[fields.Base64Data], der, out _, out var written) != OperationStatus.Done || written != der.Length)
                {
                    throw new InvalidDataException($"{path}: PEM block {count} is not base64");
                }

                if (stage == ParseStage.Record)
                {
                    _ = BclRecordReader.Read(der);
                }
                else if (stage == ParseStage.Load)
                {
                    X509CertificateLoader.LoadCertificate(der).Dispose();
                }

                count++;
            }

            rest = rest[fields.Location.End..];
        }

        return count;
    }
}
