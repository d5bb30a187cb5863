using Certwright.Bench.CertGen;

const string Usage = """
    usage:
      certgen ca --ca DIR
      certgen leaves --ca DIR --out DIR --count N [--per-file K] [--files-per-dir M] [--seed S]
                     [--expired-percent 2] [--expiring-percent 4.5] [--rsa-issuer-percent 5] [--threads T]
      certgen server --ca DIR --out DIR
    """;

try
{
    if (args.Length == 0)
    {
        throw new UsageException("missing command");
    }

    var options = new Arguments(args[1..]);
    switch (args[0])
    {
        case "ca":
            var dir = options.Required("ca");
            options.RejectUnknown();
            using (BenchCa.LoadOrCreate(dir, TimeProvider.System.GetUtcNow()))
            {
                Console.WriteLine($"certgen: CA ready in {dir}");
            }

            return 0;
        case "leaves":
            return LeavesCommand.Run(LeavesOptions.Parse(options), Console.Out);
        case "server":
            return ServerCommand.Run(options, Console.Out);
        default:
            throw new UsageException($"unknown command '{args[0]}'");
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine($"certgen: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
