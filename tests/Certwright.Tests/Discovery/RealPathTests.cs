using Certwright.Discovery;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Discovery;

public sealed class RealPathTests
{
    [Fact]
    public void Resolve_LinkChainsAndRelativeTargets_GivesTheDirectory()
    {
        using var directory = new TempDirectory();
        var real = Directory.CreateDirectory(Path.Combine(directory.Path, "real", "inner")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "first"), "real");
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "second"), Path.Combine(directory.Path, "first"));
        var canonicalTemp = RealPath.Resolve(directory.Path)!;

        Assert.Equal(Path.Combine(canonicalTemp, "real", "inner"), RealPath.Resolve(Path.Combine(directory.Path, "second", "inner")));
        Assert.Equal(RealPath.Resolve(real), RealPath.Resolve(Path.Combine(directory.Path, "first", "..", "real", "inner")));
    }

    [Fact]
    public void Resolve_LoopOrMissing_Null()
    {
        using var directory = new TempDirectory();
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "a"), "b");
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "b"), "a");

        Assert.Null(RealPath.Resolve(Path.Combine(directory.Path, "a")));
        Assert.Null(RealPath.Resolve(Path.Combine(directory.Path, "missing", "x")));
    }
}
