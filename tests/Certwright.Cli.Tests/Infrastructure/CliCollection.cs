namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>
/// Every end-to-end test class joins this collection: the executable is located (or published) once,
/// and the classes run one after another, so timing assertions are not skewed by parallel servers on two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    public const string Name = "Published CLI";
}

/// <summary>Holds the path of the published executable for the collection.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    public string Executable { get; private set; } = "";

    public async Task InitializeAsync() => Executable = await PublishedCli.GetAsync();

    public Task DisposeAsync()
    {
        PublishedCli.DeletePublished();
        return Task.CompletedTask;
    }

    /// <summary>A fresh, empty inventory and work folder for one test.</summary>
    public CliSession NewSession() => new(Executable);
}
