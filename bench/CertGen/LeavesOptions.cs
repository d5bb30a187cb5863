namespace Certwright.Bench.CertGen;

/// <param name="CaDirectory">Where the bench CA lives; made on first use.</param>
/// <param name="OutDirectory">Must be absent or empty.</param>
/// <param name="Count">Number of leaf certificates.</param>
/// <param name="PerFile">Certificates per PEM file: 1 for the import benchmark, bundles for building a large inventory.</param>
/// <param name="FilesPerDirectory">Files are spread over subdirectories d0000, d0001, ... so no directory gets huge.</param>
/// <param name="ExpiredPercent">Share of leaves whose notAfter is 1 minute to 60 days in the past.</param>
/// <param name="ExpiringPercent">Share of leaves whose notAfter is 1 minute to 30 days ahead.</param>
/// <param name="RsaIssuerPercent">Share signed by the RSA issuing CA (slow to sign); the rest by the EC one.</param>
/// <param name="Seed">Makes names, serials and validity reproducible (signatures still differ: ECDSA is randomised).</param>
/// <param name="Threads">Degree of parallelism; defaults to every core.</param>
internal sealed record LeavesOptions(
    string CaDirectory,
    string OutDirectory,
    long Count,
    int PerFile,
    int FilesPerDirectory,
    ulong Seed,
    double ExpiredPercent,
    double ExpiringPercent,
    double RsaIssuerPercent,
    int Threads)
{
    public static LeavesOptions Parse(Arguments args)
    {
        var options = new LeavesOptions(
            args.Required("ca"),
            args.Required("out"),
            args.Long("count", 0, 1, 100_000_000),
            (int)args.Long("per-file", 1, 1, 100_000),
            (int)args.Long("files-per-dir", 1000, 1, 1_000_000),
            args.Seed("seed"),
            args.Double("expired-percent", 2, 0, 100),
            args.Double("expiring-percent", 4.5, 0, 100),
            args.Double("rsa-issuer-percent", 5, 0, 100),
            (int)args.Long("threads", Environment.ProcessorCount, 1, 1024));
        args.RejectUnknown();
        return options.Count == 0
            ? throw new UsageException("missing --count")
            : options.ExpiredPercent + options.ExpiringPercent > 100
                ? throw new UsageException("--expired-percent + --expiring-percent must not exceed 100")
                : options;
    }
}
