using System.Diagnostics;
using System.Globalization;
using Certwright.Scanning;

// ScanBench BASEPORT COUNT CONCURRENCY [ROUNDS]: scans 127.0.0.1:BASEPORT..BASEPORT+COUNT-1 ROUNDS times.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ScanBench BASEPORT COUNT CONCURRENCY [ROUNDS]");
    return 2;
}

var basePort = int.Parse(args[0], CultureInfo.InvariantCulture);
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[2], CultureInfo.InvariantCulture);
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
var scanner = new EndpointScanner(new EndpointScannerOptions { MaxConcurrency = concurrency });
var targets = Enumerable.Range(basePort, count).Select(p => ScanTarget.Parse($"127.0.0.1:{p}")).ToList();
var warmUp = await scanner.ScanAsync(targets[0]);
if (warmUp.Status != ScanStatus.Success)
{
    Console.Error.WriteLine($"warm-up scan failed: {warmUp.Error}");
    return 1;
}

for (var round = 0; round < rounds; round++)
{
    var watch = Stopwatch.StartNew();
    var failed = 0;
    string? firstError = null;
    await foreach (var result in scanner.ScanManyAsync(targets))
    {
        if (result.Status != ScanStatus.Success || result.PresentedChain.Count == 0)
        {
            failed++;
            firstError ??= result.Error;
        }
    }

    watch.Stop();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"round {round}: {count} endpoints in {watch.Elapsed.TotalSeconds:0.000} s = {count / watch.Elapsed.TotalSeconds:0} endpoints/s, {failed} failed{(firstError is null ? "" : $" ({firstError})")}, RSS {process.WorkingSet64 / 1048576} MiB"));
}

return 0;
