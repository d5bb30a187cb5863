using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;

namespace Certwright.Benchmarks;

/// <summary>
/// ADAPTER - STAND-IN UNTIL THE REAL PARSER LANDS.
/// The parse floor must use the parser that <c>certwright import</c> uses (CertificateContainerReader /
/// CertificateParser in src/Certwright/Certificates, driven by the discovery engine in
/// src/Certwright/Discovery). Until those exist this adapter reads PEM with the platform
/// (PemEncoding + X509CertificateLoader) and fills the same <see cref="CertificateRecord"/> model, so the
/// floor measures comparable work. Replace the body of <c>ParseFile</c> with the real reader (both overloads);
/// <see cref="Name"/> is printed with every result so a stand-in number is never mistaken for the real one.
/// </summary>
internal static class ParseAdapter
{
    public const string Name = "stand-in: BCL PemEncoding + X509CertificateLoader (Certwright parser not merged yet)";

    /// <summary>Reads one file and parses every certificate in it; returns how many it parsed.</summary>
    public static int ParseFile(string path, List<CertificateRecord> sink) => ParseFile(path, sink, ParseStage.Record);

    /// <summary>Stops after <paramref name="stage"/>, to see where a slow floor spends its time.</summary>
    public static int ParseFile(string path, List<CertificateRecord> sink, ParseStage stage)
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
                    sink.Add(BclRecordReader.Read(der));
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

/// <summary>How far <see cref="ParseAdapter.ParseFile(string, List{CertificateRecord}, ParseStage)"/> goes.</summary>
internal enum ParseStage
{
    Read,
    Pem,
    Load,
    Record,
}
