using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Certwright.Authority;
using Certwright.Internal;

namespace Certwright.Cli.Commands;

/// <summary>
/// <c>issue --csr-dir DIR --out-dir OUT</c>: every *.csr and *.pem of DIR issued in parallel, OUT/NAME.crt written once the
/// certificate is in the ledger. Many issuances are in flight at once so the ledger's group commit shares one fsync among
/// them; signing itself runs on the thread pool's ProcessorCount threads.
/// </summary>
internal static class IssueBatch
{
    private const int MaxInFlight = 4096;

    public static async Task<int> RunAsync(CliContext context, ParseResult parseResult, CertificateProfile profile, TimeSpan? validity, CancellationToken cancellationToken)
    {
        var directory = parseResult.GetValue(IssueCommand.CsrDir)!;
        var outDirectory = parseResult.GetValue(IssueCommand.OutDir) ?? throw new CertwrightException(ErrorKind.Usage, "--csr-dir needs --out-dir OUT");
        if (!Directory.Exists(directory))
        {
            throw new CertwrightException(ErrorKind.Usage, $"CSR directory '{directory}' does not exist");
        }

        var files = Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".csr", StringComparison.Ordinal) || f.EndsWith(".pem", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(outDirectory);
        await using var store = await CaLedger.OpenAsync(parseResult, context, cancellationToken);
        var record = await CaLedger.FindAsync(store, parseResult.GetValue(IssueCommand.Ca)!, cancellationToken);
        // The key store stays open while the key signs: an HSM key lives in the token session the store holds.
        await using var keys = CaKeys.From(parseResult, IssueCommand.PassphraseFile, IssueCommand.PinFile, context.TimeProvider);
        using var authority = await keys.OpenAsync(record, cancellationToken);
        var issuer = new CertificateIssuer(authority, store, context.TimeProvider);
        var chainPem = string.Concat(issuer.Chain.Take(issuer.Chain.Count - 1).Select(CaLedger.Pem));
        var issued = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stopwatch = Stopwatch.StartNew();

        // ProcessorCount workers verify and sign; each issuance then waits for its group commit while the worker moves on,
        // so thousands are in flight and one fsync serves them all. One writer puts OUT files down in order: concurrent
        // creates and renames in one directory spin on its lock in the kernel.
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var pending = Channel.CreateUnbounded<(string Name, Task<IssuanceResult> Issuance)>(new UnboundedChannelOptions { SingleReader = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (name, issuance) in pending.Reader.ReadAllAsync(CancellationToken.None))
            {
                try
                {
                    var result = await issuance;
                    Write(Path.Combine(outDirectory, name + ".crt"), CaLedger.Pem(result.Certificate.Der) + chainPem);
                    issued++;
                }
                catch (CertwrightException e)
                {
                    failures.Add(e.Message);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Issued and in the ledger; only the copy in OUT is missing.
                    failures.Add($"certificate for '{name}' is in the ledger but could not be written to '{outDirectory}': {BoundedFile.Reason(e)}");
                }
                finally
                {
                    inFlight.Release();
                }
            }
        }, CancellationToken.None);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(files, parallel, async (file, ct) =>
            {
                var name = Path.GetFileNameWithoutExtension(file);
                byte[] csr;
                try
                {
                    csr = BoundedFile.ReadAllBytes(file, CsrReader.MaximumBytes, "CSR");
                }
                catch (CertwrightException e)
                {
                    failures.Add(e.Message);
                    return;
                }

                await inFlight.WaitAsync(ct);
                pending.Writer.TryWrite((name, issuer.IssueAsync(new IssuanceRequest(profile) { Csr = csr, CsrSource = $"'{file}'", Validity = validity }, ct)));
            });
        }
        finally
        {
            pending.Writer.TryComplete();
            await writer;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            await Console.Error.WriteLineAsync($"certwright: {Output.ConsoleTable.Sanitize(failure)}");
        }

        await context.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"issued {issued} of {files.Count} certificates in {seconds:F2} s ({(seconds > 0 ? issued / seconds : 0):F0}/s) into {Output.ConsoleTable.Sanitize(outDirectory)}"));
        return failures.IsEmpty ? ExitCodes.Ok : ExitCodes.Error;
    }

    /// <summary>Temp file and rename, without an fsync per file: the ledger is the durable record, the file a copy of it.</summary>
    private static void Write(string path, string pem)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, pem);
        File.Move(temp, path, overwrite: true);
    }
}
