using Microsoft.Extensions.Options;

namespace Certwright.Scanning.Internal;

/// <summary>Fails options resolution with every problem <see cref="EndpointScannerOptions.Validate"/> finds.</summary>
internal sealed class EndpointScannerOptionsValidator : IValidateOptions<EndpointScannerOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointScannerOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
