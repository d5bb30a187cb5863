using System.Globalization;
using Certwright.Benchmarks;

const string Usage = "usage: Certwright.Benchmarks parse-floor DIR [--iterations 3] [--warmup 1] [--threads N] [--stage read|pem|load|record]";

if (args.Length < 2 || args[0] != "parse-floor")
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var iterations = 3;
var warmup = 1;
var threads = Environment.ProcessorCount;
var stage = ParseStage.Record;
for (var i = 2; i < args.Length; i += 2)
{
    if (args[i] == "--stage" && i + 1 < args.Length && Enum.TryParse<ParseStage>(args[i + 1], ignoreCase: true, out var parsedStage))
    {
        stage = parsedStage;
        continue;
    }

    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
    {
        Console.Error.WriteLine($"bad value for {args[i]}\n{Usage}");
        return 2;
    }

    switch (args[i])
    {
        case "--iterations": iterations = Math.Max(1, value); break;
        case "--warmup": warmup = value; break;
        case "--threads": threads = Math.Max(1, value); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
            return 2;
    }
}

return await ParseFloorCommand.RunAsync(args[1], iterations, warmup, threads, stage, Console.Out);
