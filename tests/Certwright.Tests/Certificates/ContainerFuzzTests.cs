using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Tests.Certificates;

/// <summary>Damaged copies of every real artefact: the reader reports problems and never throws.</summary>
[Collection(ContainerArtefactsCollection.Name)]
public sealed class ContainerFuzzTests(ContainerArtefacts files)
{
    public static TheoryData<string> Artefacts =>
    [
        "bundle.pem", "trusted.pem", "leaf.der", "bundle.p7b", "bundle.p7b.der", "empty-password.p12", "plain.p12",
        "store.jks", "store.jceks", "secrets.jceks", "encrypted.key",
    ];

    [Theory]
    [MemberData(nameof(Artefacts))]
    public void Read_MutatedArtefact_ReportsOrReadsNeverThrows(string name)
    {
        var original = File.ReadAllBytes(files[name]);
        var reader = new CertificateContainerReader(PasswordSource.FromPasswords([ContainerArtefacts.StorePassword]));
        var random = new Random(name.Length * 7919);
        var known = new[] { FindingCodes.CorruptCertificate, FindingCodes.UnsupportedFormat, FindingCodes.WrongPassword };

        for (var i = 0; i < 150; i++)
        {
            var bytes = original.ToArray();
            var length = bytes.Length;
            switch (i % 3)
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    length = random.Next(1, bytes.Length);
                    break;
                default:
                    for (var m = 0; m < 8; m++)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
            }

            var result = reader.Read(name, bytes.AsMemory(0, length));

            Assert.All(result.Problems, p => Assert.Contains(p.Code, known));
            Assert.All(result.Problems, p => Assert.StartsWith($"{name}: ", p.Message, StringComparison.Ordinal));
        }
    }
}
