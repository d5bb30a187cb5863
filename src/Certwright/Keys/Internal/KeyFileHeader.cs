namespace Certwright.Keys.Internal;

/// <summary>The plaintext lines before the PEM block of a key file: what `key list` shows without the passphrase.</summary>
internal sealed record KeyFileHeader(string Id, string Label, KeyType Type, DateTimeOffset Created);
