using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Certwright.Certificates;

namespace Certwright.Discovery;

/// <summary>
/// Finds certificates in files and directories: walks the paths given, reads every candidate file in
/// parallel, and streams one <see cref="ContainerReadResult"/> per file that holds certificates or
/// problems, while reading goes on. Memory stays bounded: at most
/// <see cref="DiscoveryOptions.ResultBufferSize"/> results wait for the caller.
/// </summary>
/// <remarks>
/// Files named directly are always read and always reported (also when they hold nothing). Files found
/// in directories are filtered by the globs and reported only when they hold certificates or problems;
/// an unrecognised file is reported only when its extension (.pem, .crt, .p12, .jks, ...) says it should
/// hold certificates. Missing paths, unreadable files and directories, broken links and files over the
/// size limit come back as results with a problem; nothing about the input makes this throw.
/// </remarks>
public sealed class CertificateDiscovery
{
    private readonly DiscoveryOptions _options;
    private readonly CertificateContainerReader _reader;

    /// <exception cref="CertwrightException">The options are invalid (<see cref="ErrorKind.Usage"/>; the message lists every problem).</exception>
    public CertificateDiscovery(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = DiscoveryOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new CertwrightException(ErrorKind.Usage, "invalid discovery options: " + string.Join("; ", errors));
        }

        _options = options;
        _reader = new CertificateContainerReader(options.Passwords);
    }

    /// <summary>Streams the results for these files and directories, in no particular order.</summary>
    /// <param name="paths">Files and directories, as given on the command line.</param>
    /// <param name="statistics">Receives counters as the run goes; optional.</param>
    /// <param name="cancellationToken">Stops the walk and the readers.</param>
    public async IAsyncEnumerable<ContainerReadResult> DiscoverAsync(
        IEnumerable<string> paths,
        DiscoveryStatistics? statistics = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        statistics ??= new DiscoveryStatistics();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var files = Channel.CreateBounded<FileWork>(new BoundedChannelOptions(1024) { SingleWriter = true });
        var results = Channel.CreateBounded<ContainerReadResult>(new BoundedChannelOptions(_options.ResultBufferSize) { SingleReader = true });
        var filter = new PathFilter(_options.Include, _options.Exclude);
        var walker = new DirectoryWalker(_options, filter, statistics);
        var processor = new FileProcessor(_reader, _options, statistics);

        var walking = Task.Run(() => walker.WalkAsync(paths.ToArray(), files.Writer, results.Writer, stop.Token), stop.Token);
        var reading = Enumerable.Range(0, _options.MaxDegreeOfParallelism)
            .Select(_ => Task.Run(() => ReadFilesAsync(processor, files.Reader, results.Writer, statistics, stop.Token), stop.Token))
            .ToArray();
        var completion = CompleteAsync(walking, reading, files.Writer, results.Writer);

        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(stop.Token))
            {
                yield return result;
            }

            await completion;
        }
        finally
        {
            // The caller may stop early: stop the producers and wait for them before returning.
            await stop.CancelAsync();
            await completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task ReadFilesAsync(
        FileProcessor processor,
        ChannelReader<FileWork> files,
        ChannelWriter<ContainerReadResult> results,
        DiscoveryStatistics statistics,
        CancellationToken cancellationToken)
    {
        await foreach (var work in files.ReadAllAsync(cancellationToken))
        {
            var result = processor.Process(work);
            if (result is not null)
            {
                statistics.AddCertificates(result.Certificates.Count);
                await results.WriteAsync(result, cancellationToken);
            }
        }
    }

    /// <summary>Closes the file queue when the walk ends and the result queue when the readers end, passing failures on.</summary>
    private static async Task CompleteAsync(Task walking, Task[] reading, ChannelWriter<FileWork> files, ChannelWriter<ContainerReadResult> results)
    {
        try
        {
            await walking;
            files.TryComplete();
        }
        catch (Exception e)
        {
            files.TryComplete(e);
        }

        try
        {
            await Task.WhenAll(reading);
            results.TryComplete(walking.Exception?.InnerException);
        }
        catch (Exception e)
        {
            results.TryComplete(walking.Exception?.InnerException ?? e);
        }
    }
}
