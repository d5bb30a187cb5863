namespace Certwright.Renewal.Deploy;

/// <summary>What a deployer puts in place: the leaf, the chain above it (issuer first, root excluded), and the private key when Certwright holds it.</summary>
/// <param name="Leaf">DER of the end-entity certificate.</param>
/// <param name="Chain">DER of the intermediates, issuer first.</param>
/// <param name="PrivateKeyPkcs8">Unencrypted PKCS#8 DER of the leaf's key; null when the key stays with its owner (CSR issuance).</param>
public sealed record CertificateBundle(byte[] Leaf, IReadOnlyList<byte[]> Chain, byte[]? PrivateKeyPkcs8);
