using Certwright.Keys;

namespace Certwright.Tests.Keys;

public class KeyTypesTests
{
    [Theory]
    [InlineData("rsa-2048", KeyType.Rsa2048)]
    [InlineData("rsa-3072", KeyType.Rsa3072)]
    [InlineData("rsa-4096", KeyType.Rsa4096)]
    [InlineData("ec-p256", KeyType.EcP256)]
    [InlineData("ec-p384", KeyType.EcP384)]
    [InlineData("ed25519", KeyType.Ed25519)]
    [InlineData("ml-dsa-44", KeyType.MlDsa44)]
    [InlineData("ml-dsa-65", KeyType.MlDsa65)]
    [InlineData("ml-dsa-87", KeyType.MlDsa87)]
    public void ParseAndFormat_CliName_RoundTrips(string name, KeyType type)
    {
        Assert.Equal(type, KeyTypes.Parse(name));
        Assert.Equal(name, KeyTypes.Format(type));
    }

    [Fact]
    public void Parse_UnknownName_UsageErrorListingTheNames()
    {
        var e = Assert.Throws<CertwrightException>(() => KeyTypes.Parse("rsa-1024"));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal(
            "unknown key type 'rsa-1024'; use one of rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ed25519, ml-dsa-44, ml-dsa-65, ml-dsa-87",
            e.Message);
    }

    [Fact]
    public void All_ListsNineTypes()
    {
        Assert.Equal(9, KeyTypes.All.Count);
        Assert.Equal(3, KeyTypes.All.Count(KeyTypes.IsPostQuantum));
    }
}
