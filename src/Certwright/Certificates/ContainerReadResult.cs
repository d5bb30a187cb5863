using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>Everything read from one file: the certificates found and the problems met.</summary>
/// <param name="Source">The file (or other source name) the bytes came from, as given.</param>
/// <param name="Format">The detected container format.</param>
/// <param name="Certificates">Certificates in file order.</param>
/// <param name="Problems">
/// Findings with codes from <see cref="FindingCodes"/> (unsupported-format, corrupt-certificate,
/// wrong-password, unreadable-file, file-too-large), each naming the file in its message and Subject.
/// Certificates may be present alongside problems (a bundle with one broken block, a keystore whose
/// integrity password did not match).
/// </param>
/// <param name="ContainsPrivateKey">Whether any private key is in the container.</param>
public sealed record ContainerReadResult(
    string Source,
    ContainerFormat Format,
    IReadOnlyList<FoundCertificate> Certificates,
    IReadOnlyList<Finding> Problems,
    bool ContainsPrivateKey)
{
    /// <summary>A result holding one problem and no certificates.</summary>
    public static ContainerReadResult Failed(string source, ContainerFormat format, Finding problem) =>
        new(source, format, [], [problem], false);
}
