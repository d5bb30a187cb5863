namespace Certwright.Keys;

/// <summary>What a store knows about a key, without its material.</summary>
/// <param name="Id">The id <see cref="IKeyStore.OpenAsync"/> takes.</param>
/// <param name="Label">The name the user gave it.</param>
/// <param name="Type">Its algorithm.</param>
/// <param name="Store">Where it lives.</param>
/// <param name="Created">When it was generated (UTC), when the store records it.</param>
/// <param name="Extractable">Whether the private key can leave the store (encrypted files: yes; HSM keys: no).</param>
public sealed record KeyInfo(string Id, string Label, KeyType Type, KeyStoreKind Store, DateTimeOffset? Created, bool Extractable);
