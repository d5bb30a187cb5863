using System.Text.Json;
using System.Text.RegularExpressions;

namespace Certwright.Tests.Packaging;

/// <summary>One Dockerfile instruction: its stage (index of the FROM above it), keyword and arguments (continuations joined).</summary>
internal sealed record DockerInstruction(int Stage, string Keyword, string Arguments);

/// <summary>The repository's Dockerfile read into instructions, for static checks (no image can be built here).</summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public int FinalStage => Instructions.Max(i => i.Stage);

    /// <summary>The numeric user of the final stage's last USER instruction.</summary>
    public long User => long.Parse(Last("USER").Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);

    public static DockerfileModel Load()
    {
        var text = RepositoryFiles.Read("Dockerfile");
        var logical = ContinuedLine().Replace(text, " ");
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        foreach (var line in logical.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            stage += keyword == "FROM" ? 1 : 0;
            instructions.Add(new DockerInstruction(stage, keyword, WhiteSpace().Replace(line[(space + 1)..].Trim(), " ")));
        }

        return new DockerfileModel(instructions);
    }

    public IEnumerable<DockerInstruction> InStage(int stage, string keyword) => Instructions.Where(i => i.Stage == stage && i.Keyword == keyword);

    /// <summary>The last instruction with this keyword in the final stage.</summary>
    public string Last(string keyword) => InStage(FinalStage, keyword).Last().Arguments;

    /// <summary>An exec-form (JSON array) argument list.</summary>
    public static string[] ExecForm(string arguments) => JsonSerializer.Deserialize<string[]>(arguments) ?? [];

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
