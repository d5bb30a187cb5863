using Microsoft.Extensions.Options;

namespace Certwright.Discovery;

/// <summary>Checks every <see cref="DiscoveryOptions"/> rule and reports all violations at once, each with its fix.</summary>
internal sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Errors(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxFileSize < 1)
        {
            errors.Add($"MaxFileSize must be at least 1 byte (it is {options.MaxFileSize})");
        }

        if (options.MaxDepth < 0)
        {
            errors.Add($"MaxDepth must be 0 or more (it is {options.MaxDepth})");
        }

        if (options.MaxDegreeOfParallelism is < 1 or > 256)
        {
            errors.Add($"MaxDegreeOfParallelism must be between 1 and 256 (it is {options.MaxDegreeOfParallelism})");
        }

        if (options.ResultBufferSize < 1)
        {
            errors.Add($"ResultBufferSize must be at least 1 (it is {options.ResultBufferSize})");
        }

        CheckPatterns(options.Include, "Include", errors);
        CheckPatterns(options.Exclude, "Exclude", errors);
        if (options.Passwords is null)
        {
            errors.Add("Passwords must be set (use PasswordSource.None for none)");
        }

        return errors;
    }

    private static void CheckPatterns(IList<string> patterns, string name, List<string> errors)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(patterns[i]))
            {
                errors.Add($"{name} pattern {i + 1} is empty; remove it or give a glob such as '*.pem'");
            }
        }
    }
}
