using System.Text.Json;
using System.Text.RegularExpressions;

namespace Certwright.Cli.Tests.Infrastructure;

/// <summary>What one run of the executable did, with the assertions every CLI test needs.</summary>
public sealed partial record CliRun(IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>The exit code of an unexpected exception: never acceptable in these tests.</summary>
    public const int InternalErrorExitCode = 70;

    /// <summary>Lines of the standard error, without the trailing empty one.</summary>
    public IReadOnlyList<string> ErrorLines => SplitLines(StandardError);

    public IReadOnlyList<string> OutputLines => SplitLines(StandardOutput);

    /// <summary>Fails with the whole run in the message unless the exit code is <paramref name="expected"/>.</summary>
    public CliRun ExpectExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit code {expected}, got {ExitCode}\n{Describe()}");
        return this;
    }

    /// <summary>
    /// The error contract: exactly one line on stderr, starting <c>certwright: </c>, containing <paramref name="fragment"/>.
    /// </summary>
    public CliRun ExpectOneLineError(string fragment)
    {
        var lines = ErrorLines;
        Assert.True(lines.Count == 1, $"expected one line on stderr, got {lines.Count}\n{Describe()}");
        Assert.StartsWith("certwright: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        return this;
    }

    /// <summary>Parses the standard output as the one JSON document of a <c>--json</c> command, checking its envelope.</summary>
    public JsonElement Json(string kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StandardOutput);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON document ({e.Message})\n{Describe()}");
        }

        using (document)
        {
            var root = document.RootElement.Clone();
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(kind, root.GetProperty("kind").GetString());
            return root;
        }
    }

    /// <summary>Never a stack trace, never an internal error, whatever the input.</summary>
    internal void AssertNoCrash()
    {
        Assert.False(StackTraceLine().IsMatch(StandardOutput) || StackTraceLine().IsMatch(StandardError), $"the output holds a stack trace\n{Describe()}");
        Assert.True(ExitCode != InternalErrorExitCode, $"internal error (exit {InternalErrorExitCode})\n{Describe()}");
        Assert.DoesNotContain("Unhandled exception", StandardError, StringComparison.Ordinal);
    }

    public string Describe() =>
        $"$ certwright {string.Join(' ', Arguments)}\nexit {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    [GeneratedRegex(@"^\s+at \S", RegexOptions.Multiline)]
    private static partial Regex StackTraceLine();
}
