namespace Certwright.Renewal;

/// <summary>The managed certificates and their renewal state (embedded SQLite: schema v4).</summary>
public interface IManagedCertificateStore : IAsyncDisposable
{
    /// <summary>Adds or replaces the definition of <paramref name="managed"/> (its state is kept). True when it is new.</summary>
    Task<bool> SaveAsync(ManagedCertificate managed, CancellationToken cancellationToken);

    /// <summary>Removes the definition and its state. False when there was none.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>The managed certificates (of one namespace, when given), by name, with their state.</summary>
    Task<IReadOnlyList<ManagedEntry>> ListAsync(string? @namespace, CancellationToken cancellationToken);

    /// <summary>Records the state after an attempt.</summary>
    Task SaveStateAsync(string name, ManagedCertificateState state, CancellationToken cancellationToken);
}

/// <summary>A managed certificate and its state.</summary>
public sealed record ManagedEntry(ManagedCertificate Certificate, ManagedCertificateState State);
