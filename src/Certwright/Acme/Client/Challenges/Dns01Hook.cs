using Certwright.Acme.Protocol;
using Certwright.Internal;

namespace Certwright.Acme.Client.Challenges;

/// <summary>
/// dns-01 through the user's hook command, run by <c>/bin/sh -c</c> with CERTWRIGHT_ACME_ACTION (set or remove),
/// CERTWRIGHT_ACME_DOMAIN, CERTWRIGHT_ACME_TXT_NAME and CERTWRIGHT_ACME_TXT_VALUE. The hook returns once the record is
/// served (it waits for propagation itself); a non-zero exit fails the order.
/// </summary>
internal sealed class Dns01Hook : IChallengeResponder
{
    private readonly string _command;
    private readonly TimeSpan _timeout;

    public Dns01Hook(string command, TimeSpan timeout)
    {
        _command = command;
        _timeout = timeout;
    }

    public string ChallengeType => AcmeChallenge.Dns01;

    public Task PublishAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken) =>
        RunAsync("set", domain, keyAuthorization, cancellationToken);

    public Task RemoveAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken) =>
        RunAsync("remove", domain, keyAuthorization, cancellationToken);

    private async Task RunAsync(string action, string domain, string keyAuthorization, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["CERTWRIGHT_ACME_ACTION"] = action,
            ["CERTWRIGHT_ACME_DOMAIN"] = domain,
            ["CERTWRIGHT_ACME_TXT_NAME"] = KeyAuthorization.Dns01TxtName(domain),
            ["CERTWRIGHT_ACME_TXT_VALUE"] = KeyAuthorization.Dns01TxtValue(keyAuthorization),
        };
        var result = await ShellCommand.RunAsync(_command, environment, _timeout, cancellationToken);
        if (!result.Succeeded)
        {
            var why = result.TimedOut ? $"did not finish within {_timeout.TotalSeconds:0.#} s" : $"exited with {result.ExitCode}";
            var output = string.IsNullOrEmpty(result.Output) ? "" : ": " + result.Output.ReplaceLineEndings(" ");
            throw new CertwrightException(ErrorKind.Usage, $"dns-01 hook '{_command}' ({action} {domain}) {why}{output}; fix the hook command");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
