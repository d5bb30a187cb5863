namespace Certwright.Policy;

/// <summary>How bad a finding is. The numeric values order them and map onto Nagios exit codes.</summary>
public enum Severity
{
    Ok = 0,
    Info = 1,
    Warning = 2,
    Critical = 3,
}
