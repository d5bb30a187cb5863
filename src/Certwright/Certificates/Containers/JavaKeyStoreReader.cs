using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads Java JKS (magic 0xFEEDFEED) and JCEKS (0xCECECECE) keystores:
/// <c>magic, version (1|2), count, entries, SHA-1 digest</c>. An entry is a private key (tag 1: alias,
/// date, encrypted key, certificate chain), a trusted certificate (tag 2: alias, date, certificate) or,
/// in JCEKS, a secret key (tag 3, a Java-serialised SealedObject, stepped over with
/// <see cref="JavaSerializationSkipper"/>). Version 2 writes a type string ("X.509")
/// before each certificate.
/// </summary>
/// <remarks>
/// Certificates are stored in clear, so they are read without a password. The trailing digest is
/// SHA-1(password as UTF-16BE, "Mighty Aphrodite", every preceding byte); the candidate passwords are
/// checked against it, and when the caller configured passwords and none fits, the certificates are
/// still returned with a <c>wrong-password</c> problem (their integrity is unverified). Every length is
/// checked against the bytes left, so a hostile file cannot make the reader allocate or loop beyond
/// its size. A secret-key entry whose serialised form cannot be followed stops the reading with a
/// problem (the entries before it are kept).
/// </remarks>
internal static class JavaKeyStoreReader
{
    private const int DigestLength = 20;
    private const int PrivateKeyEntry = 1;
    private const int TrustedCertificateEntry = 2;
    private const int SecretKeyEntry = 3;

    private static ReadOnlySpan<byte> Whitener => "Mighty Aphrodite"u8;

    public static void Read(ReadOnlySpan<byte> data, PasswordSource passwords, ContainerResultBuilder result)
    {
        var name = result.Format == ContainerFormat.Jceks ? "JCEKS keystore" : "JKS keystore";
        if (data.Length < 12 + DigestLength)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"{name} is truncated ({data.Length} bytes)");
            return;
        }

        var body = data[..^DigestLength];
        var reader = new KeyStoreCursor(body[4..]);
        try
        {
            var version = reader.ReadInt32();
            if (version is not (1 or 2))
            {
                result.Problem(FindingCodes.UnsupportedFormat, $"{name} version {version} is not supported (only 1 and 2 exist)");
                return;
            }

            ReadEntries(ref reader, version, name, result);
        }
        catch (FormatException e)
        {
            result.Problem(FindingCodes.CorruptCertificate, $"{name} is malformed after {result.CertificateCount} certificate(s): {e.Message}");
        }

        CheckIntegrity(data, passwords, name, result);
    }

    private static void ReadEntries(ref KeyStoreCursor reader, int version, string name, ContainerResultBuilder result)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new FormatException($"negative entry count {count}");
        }

        for (var entry = 0; entry < count; entry++)
        {
            var tag = reader.ReadInt32();
            var alias = reader.ReadUtf();
            reader.Skip(8);
            switch (tag)
            {
                case PrivateKeyEntry:
                    reader.Skip(reader.ReadLength());
                    result.ContainsPrivateKey = true;
                    var chainLength = reader.ReadInt32();
                    if (chainLength < 0)
                    {
                        throw new FormatException($"negative chain length in entry '{alias}'");
                    }

                    for (var i = 0; i < chainLength; i++)
                    {
                        ReadCertificate(ref reader, version, alias, hasKey: i == 0, name, result);
                    }

                    break;
                case TrustedCertificateEntry:
                    ReadCertificate(ref reader, version, alias, hasKey: false, name, result);
                    break;
                case SecretKeyEntry when result.Format == ContainerFormat.Jceks:
                    // A serialised SealedObject: no certificate, but its length must be found to go on.
                    int length;
                    try
                    {
                        length = JavaSerializationSkipper.Measure(reader.Rest);
                    }
                    catch (FormatException e)
                    {
                        result.Problem(
                            FindingCodes.UnsupportedFormat,
                            $"{name} secret key entry '{alias}' cannot be stepped over ({e.Message}); the {count - entry - 1} entries after it were not read",
                            Severity.Info);
                        return;
                    }

                    reader.Skip(length);
                    break;
                default:
                    throw new FormatException($"unknown entry type {tag} for '{alias}'");
            }
        }

        if (reader.Remaining != 0)
        {
            throw new FormatException($"{reader.Remaining} unexpected bytes after the last entry");
        }
    }

    private static void ReadCertificate(ref KeyStoreCursor reader, int version, string alias, bool hasKey, string name, ContainerResultBuilder result)
    {
        var type = version == 2 ? reader.ReadUtf() : "X.509";
        var bytes = reader.ReadBytes(reader.ReadLength());
        if (type != "X.509")
        {
            result.Problem(FindingCodes.UnsupportedFormat, $"{name} entry '{alias}' holds a '{type}' certificate, not X.509", Severity.Info);
            return;
        }

        if (!result.TryAdd(bytes.ToArray(), out var error, alias, hasKey))
        {
            result.Problem(FindingCodes.CorruptCertificate, $"{name} entry '{alias}': {error}");
        }
    }

    private static void CheckIntegrity(ReadOnlySpan<byte> data, PasswordSource passwords, string name, ContainerResultBuilder result)
    {
        var body = data[..^DigestLength];
        var stored = data[^DigestLength..];
        Span<byte> digest = stackalloc byte[DigestLength];
        foreach (var password in passwords.Candidates)
        {
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            sha1.AppendData(Encoding.BigEndianUnicode.GetBytes(password));
            sha1.AppendData(Whitener);
            sha1.AppendData(body);
            sha1.GetHashAndReset(digest);
            if (digest.SequenceEqual(stored))
            {
                return;
            }
        }

        if (passwords.HasConfiguredPasswords)
        {
            result.Problem(
                FindingCodes.WrongPassword,
                $"none of the configured passwords (nor the empty password or 'changeit') matches the {name}'s integrity check; its certificates were read but are unverified");
        }
    }

    /// <summary>Big-endian reader over the keystore body; every read is bounded by what is left.</summary>
    private ref struct KeyStoreCursor(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public readonly int Remaining => _data.Length;

        public readonly ReadOnlySpan<byte> Rest => _data;

        public int ReadInt32()
        {
            Require(4);
            var value = BinaryPrimitives.ReadInt32BigEndian(_data);
            _data = _data[4..];
            return value;
        }

        public int ReadLength()
        {
            var length = ReadInt32();
            if (length < 0 || length > _data.Length)
            {
                throw new FormatException($"length {length} exceeds the {_data.Length} bytes left");
            }

            return length;
        }

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            Require(count);
            var value = _data[..count];
            _data = _data[count..];
            return value;
        }

        public void Skip(int count) => ReadBytes(count);

        /// <summary>Java's DataInput.readUTF: u16 length, then modified UTF-8.</summary>
        public string ReadUtf()
        {
            Require(2);
            var length = BinaryPrimitives.ReadUInt16BigEndian(_data);
            _data = _data[2..];
            return ModifiedUtf8.Decode(ReadBytes(length));
        }

        private readonly void Require(int count)
        {
            if (count > _data.Length)
            {
                throw new FormatException($"needs {count} bytes, {_data.Length} left (truncated)");
            }
        }
    }
}
