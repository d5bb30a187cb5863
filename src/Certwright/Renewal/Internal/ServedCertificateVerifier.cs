using System.Globalization;
using System.Security.Cryptography;
using Certwright.Scanning;

namespace Certwright.Renewal.Internal;

/// <summary>
/// Verify after deploy: connects to an endpoint with the scanner until it presents the expected leaf or the time is up
/// (a reloading service may serve the old certificate for a moment). Returns null when served, else why not.
/// </summary>
internal sealed class ServedCertificateVerifier(IEndpointScanner scanner)
{
    public async Task<string?> VerifyAsync(string endpoint, string expectedSha256, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var target = ScanTarget.Parse(endpoint);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        string last = "no answer";
        try
        {
            while (true)
            {
                var result = await scanner.ScanAsync(target, limit.Token);
                if (result.Status == ScanStatus.Success && result.PresentedChain.Count > 0)
                {
                    var served = Convert.ToHexStringLower(SHA256.HashData(result.PresentedChain[0]));
                    if (served == expectedSha256)
                    {
                        return null;
                    }

                    last = $"it still serves {served[..16]}…";
                }
                else
                {
                    last = result.Error ?? result.Status.ToString();
                }

                await Task.Delay(interval, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{endpoint} does not serve the new certificate {expectedSha256[..16]}… after {timeout.TotalSeconds:0.#} s: {last}");
        }
    }
}
