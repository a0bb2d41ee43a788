using Microsoft.Extensions.Options;

namespace CxScoring.Hosting;

/// <summary>The cross-field rules of <see cref="CxScoringOptions"/>; every message names the setting and says what to change.</summary>
internal sealed class CxScoringOptionsValidator : IValidateOptions<CxScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, CxScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = string.IsNullOrEmpty(name) ? "CxScoring (default model)" : $"CxScoring model '{name}'";
        var failures = new List<string>();

        if (options.ModelFactory is null)
        {
            failures.Add($"{model}: no model source is set. Set CxScoringOptions.ModelFactory to a delegate that builds the model.");
        }

        if (options.ReloadOnChange && options.ModelFactory is not null)
        {
            failures.Add($"{model}: ReloadOnChange is true but the model comes from ModelFactory, which cannot tell when it changes. Set ReloadOnChange to false and call ScoringModelHandle.ReloadAsync() when the model should be rebuilt.");
        }

        if (options.ReloadPollingInterval < CxScoringOptions.MinimumReloadPollingInterval)
        {
            failures.Add($"{model}: ReloadPollingInterval is {options.ReloadPollingInterval}; set it to at least {CxScoringOptions.MinimumReloadPollingInterval} (the default is 00:00:02).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
