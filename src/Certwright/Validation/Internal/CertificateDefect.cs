namespace Certwright.Validation.Internal;

/// <summary>A defect found while decoding one certificate; it fails any path the certificate is in.</summary>
/// <param name="Code">Finding code.</param>
/// <param name="Message">What is wrong, without naming the certificate.</param>
/// <param name="WebPkiOnly">Whether only the CA/Browser Forum profile rejects it (RFC 5280 only warns).</param>
/// <param name="AnchorExempt">Whether it is not held against a trust anchor above the leaf: issuance rules
/// such as serial number form postdate roots that browsers still trust (Go Daddy G2 has serial 0).</param>
internal sealed record CertificateDefect(string Code, string Message, bool WebPkiOnly = false, bool AnchorExempt = false);
