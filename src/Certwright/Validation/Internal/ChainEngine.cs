namespace Certwright.Validation.Internal;

/// <summary>
/// Searches the candidate paths for a valid one: first only along links that pass the local checks
/// (cheap, and almost always enough), then, if that finds no complete path, along every link, keeping
/// the path with the fewest problems for the report.
/// </summary>
internal static class ChainEngine
{
    public static (CandidatePath Path, ErrorSink Sink) FindBest(ValidationContext context)
    {
        CandidatePath? best = null;
        ErrorSink? bestSink = null;
        var bestScore = (int.MaxValue, int.MaxValue, int.MaxValue);
        var sawComplete = false;
        foreach (var strict in new[] { true, false })
        {
            if (!strict && sawComplete)
            {
                break;
            }

            var evaluated = 0;
            foreach (var candidate in new PathBuilder(context).Enumerate(strict))
            {
                var sink = PathChecker.Check(candidate, context);
                var score = (candidate.IsComplete ? 0 : 1, sink.ErrorCount, -candidate.Nodes.Count);
                if (best is null || score.CompareTo(bestScore) < 0)
                {
                    (best, bestSink, bestScore) = (candidate, sink, score);
                }

                sawComplete |= candidate.IsComplete;
                if (candidate.IsComplete && sink.ErrorCount == 0)
                {
                    return (candidate, sink);
                }

                if (++evaluated >= context.Options.MaxCandidatePaths)
                {
                    break;
                }
            }
        }

        if (best is null)
        {
            // The work budget ran out before any path was produced: report the target alone.
            best = new CandidatePath([context.Target], false);
            bestSink = PathChecker.Check(best, context);
        }

        return (best, bestSink!);
    }
}
