namespace Certwright.Tests.Packaging;

public sealed class DockerfileTests
{
    private readonly DockerfileModel _dockerfile = DockerfileModel.Load();

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnRuntimeDepsCopyingOnlyThePublishOutput()
    {
        Assert.Equal(
            ["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime"],
            _dockerfile.Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments));
        Assert.Equal(
            ["--from=build /out/certwright /out/libe_sqlite3.so /usr/local/bin/"],
            _dockerfile.InStage(1, "COPY").Select(i => i.Arguments));
        Assert.Contains(_dockerfile.InStage(0, "RUN"), i => i.Arguments.Contains("clang", StringComparison.Ordinal) && i.Arguments.Contains("zlib1g-dev", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_IsBuildTestShsCommandWithItsOwnOutputDirectory()
    {
        var script = RepositoryFiles.Read("build", "test.sh").Split('\n').Single(l => l.StartsWith("dotnet publish src/Certwright.Cli", StringComparison.Ordinal));
        var publish = Assert.Single(_dockerfile.InStage(0, "RUN"), i => i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments;

        Assert.Equal(WithoutOutput(script), WithoutOutput(publish));
        Assert.Contains("-o /out", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_RunsAsANumericNonRootUserWithCertwrightAsEntrypointAndADataVolume()
    {
        Assert.Equal("10001:10001", _dockerfile.Last("USER"));
        Assert.NotEqual(0, _dockerfile.User);
        Assert.Equal(["certwright"], DockerfileModel.ExecForm(_dockerfile.Last("ENTRYPOINT")));
        Assert.Equal(["/var/lib/certwright"], DockerfileModel.ExecForm(_dockerfile.Last("VOLUME")));
        Assert.Equal("CERTWRIGHT_DATA=/var/lib/certwright", _dockerfile.Last("ENV"));
        var instructions = _dockerfile.InStage(_dockerfile.FinalStage, "USER").Concat(_dockerfile.InStage(_dockerfile.FinalStage, "ENTRYPOINT")).ToList();
        Assert.True(_dockerfile.Instructions.ToList().IndexOf(instructions[0]) < _dockerfile.Instructions.ToList().IndexOf(instructions[1]), "USER comes before ENTRYPOINT");
    }

    [Fact]
    public void Copies_NameFilesThatExistAndThatDockerignoreKeeps()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = _dockerfile.InStage(0, "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToList();

        Assert.Contains("src/", sources);
        Assert.All(sources, s => Assert.True(File.Exists(RepositoryFiles.PathOf(s)) || Directory.Exists(RepositoryFiles.PathOf(s)), $"{s} is not in the repository"));
        Assert.All(sources, s => Assert.DoesNotContain(ignored, p => p.TrimEnd('/') == s.TrimEnd('/')));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
    }

    private static string WithoutOutput(string command)
    {
        var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = tokens.IndexOf("-o");
        tokens.RemoveRange(output, 2);
        return string.Join(' ', tokens);
    }
}
