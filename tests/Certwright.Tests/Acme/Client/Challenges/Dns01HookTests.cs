using Certwright.Acme.Client.Challenges;
using Certwright.Acme.Protocol;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client.Challenges;

public sealed class Dns01HookTests
{
    [Fact]
    public async Task PublishAndRemove_Hook_GetsActionDomainNameAndValue()
    {
        using var dir = new TempDirectory();
        var log = dir.File("hook.log");
        var hook = new Dns01Hook(
            $"echo \"$CERTWRIGHT_ACME_ACTION $CERTWRIGHT_ACME_DOMAIN $CERTWRIGHT_ACME_TXT_NAME $CERTWRIGHT_ACME_TXT_VALUE\" >> {log}", TimeSpan.FromSeconds(10));

        await hook.PublishAsync("*.example.test", "tok", "tok.thumb", default);
        await hook.RemoveAsync("*.example.test", "tok", "tok.thumb", default);

        var value = KeyAuthorization.Dns01TxtValue("tok.thumb");
        Assert.Equal(
            [$"set *.example.test _acme-challenge.example.test {value}", $"remove *.example.test _acme-challenge.example.test {value}"],
            await File.ReadAllLinesAsync(log));
    }

    [Fact]
    public async Task PublishAsync_HookHangs_KilledAtTheLimit()
    {
        var hook = new Dns01Hook("sleep 30", TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<CertwrightException>(() => hook.PublishAsync("a.test", "t", "t.k", default));

        Assert.Equal("dns-01 hook 'sleep 30' (set a.test) did not finish within 0.3 s; fix the hook command", error.Message);
    }
}
