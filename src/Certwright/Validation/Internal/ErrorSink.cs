namespace Certwright.Validation.Internal;

/// <summary>Collects the errors and warnings found on one candidate path.</summary>
internal sealed class ErrorSink
{
    private readonly bool _webPki;

    public ErrorSink(bool webPki)
    {
        _webPki = webPki;
    }

    public List<ValidationError> Items { get; } = [];

    public bool WebPki => _webPki;

    public int ErrorCount => Items.Count(e => !e.IsWarning);

    public void Error(int depth, string code, ParsedCertificate certificate, string problem) =>
        Items.Add(new ValidationError(depth, code, $"{certificate.Display}: {problem}"));

    public void Warning(int depth, string code, ParsedCertificate certificate, string problem) =>
        Items.Add(new ValidationError(depth, code, $"{certificate.Display}: {problem}", IsWarning: true));

    /// <summary>An error under the Web PKI profile, a warning under plain RFC 5280.</summary>
    public void WebPkiError(int depth, string code, ParsedCertificate certificate, string problem)
    {
        if (_webPki)
        {
            Error(depth, code, certificate, problem);
        }
        else
        {
            Warning(depth, code, certificate, problem);
        }
    }
}
