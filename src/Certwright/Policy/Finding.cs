namespace Certwright.Policy;

/// <summary>
/// One thing wrong (or worth knowing) about a certificate, chain, file or endpoint.
/// <see cref="Code"/> is stable for scripts (see <see cref="FindingCodes"/>); <see cref="Message"/> is for people.
/// </summary>
/// <param name="Code">Stable kebab-case code, e.g. <c>expires-soon</c>.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Message">One line for people, naming the subject and, where there is one, the fix.</param>
/// <param name="Subject">What the finding is about: a fingerprint, a file path or host:port; null when implied by context.</param>
public sealed record Finding(string Code, Severity Severity, string Message, string? Subject = null);
