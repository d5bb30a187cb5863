using System.Text;
using Certwright.Acme.Protocol;
using Certwright.Internal;

namespace Certwright.Acme.Client.Challenges;

/// <summary>http-01 through a web server's document root: writes <c>WEBROOT/.well-known/acme-challenge/TOKEN</c> (mode 0644) and removes it after.</summary>
internal sealed class Http01Webroot : IChallengeResponder
{
    private const UnixFileMode ReadableByServer = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _directory;

    public Http01Webroot(string webroot)
    {
        _directory = Path.Combine(webroot, ".well-known", "acme-challenge");
    }

    public string ChallengeType => AcmeChallenge.Http01;

    public async Task PublishAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            await AtomicFile.WriteAsync(PathOf(token), Encoding.ASCII.GetBytes(keyAuthorization), ReadableByServer, overwrite: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot write the http-01 file in webroot {_directory} ({BoundedFile.Reason(e)}); check the webroot path and its permissions", e);
        }
    }

    public Task RemoveAsync(string domain, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(token));
        return Task.CompletedTask;
    }

    // Tokens are checked to be base64url before they get here, so they cannot leave the directory.
    private string PathOf(string token) => Path.Combine(_directory, token);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
