namespace Certwright.Acme.Server;

/// <summary>
/// An order with its authorizations and their challenges (RFC 8555 §7.1.3-7.1.5), stored as one unit: every authorization
/// belongs to exactly one order, so authorization <c>{order}-{i}</c> and challenge <c>{order}-{i}-{j}</c> ids lead to it.
/// </summary>
/// <param name="Id">Random id, lowercase hex.</param>
/// <param name="Authority">The CA that issues for it.</param>
/// <param name="AccountId">The account that created it.</param>
/// <param name="Status">pending, ready, processing, valid or invalid.</param>
/// <param name="Expires">Until when it can be completed (issued orders stay, for download and revocation).</param>
/// <param name="Identifiers">The DNS names, lowercase, in request order.</param>
/// <param name="Authorizations">One per identifier, same order.</param>
/// <param name="CertificateSha256">The issued certificate's SHA-256 (hex) once valid; the ledger holds its DER.</param>
/// <param name="Error">Why it became invalid.</param>
/// <param name="CreatedAt">When newOrder created it.</param>
public sealed record AcmeOrder(
    string Id,
    string Authority,
    string AccountId,
    string Status,
    DateTimeOffset Expires,
    IReadOnlyList<string> Identifiers,
    IReadOnlyList<AcmeAuthorization> Authorizations,
    string? CertificateSha256,
    AcmeProblem? Error,
    DateTimeOffset CreatedAt);

/// <summary>The authorization of one identifier of an order.</summary>
public sealed record AcmeAuthorization(string Identifier, string Status, DateTimeOffset Expires, IReadOnlyList<AcmeChallenge> Challenges);

/// <summary>One challenge (http-01) of an authorization.</summary>
public sealed record AcmeChallenge(string Type, string Token, string Status, DateTimeOffset? Validated, AcmeProblem? Error);

/// <summary>An RFC 7807 problem document with an ACME error type (RFC 8555 §6.7).</summary>
/// <param name="Type">The error name after <c>urn:ietf:params:acme:error:</c>, e.g. <c>badNonce</c>.</param>
/// <param name="Detail">One line for the client's user.</param>
/// <param name="Status">The HTTP status it is sent with.</param>
public sealed record AcmeProblem(string Type, string Detail, int Status);
