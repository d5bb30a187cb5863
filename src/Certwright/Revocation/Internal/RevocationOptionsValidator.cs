using Microsoft.Extensions.Options;

namespace Certwright.Revocation.Internal;

/// <summary>Fails options resolution with every problem <see cref="RevocationOptions.Validate"/> finds.</summary>
internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
