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

        var sources = new List<string>(3);
        if (options.ModelPath is not null)
        {
            sources.Add(nameof(CxScoringOptions.ModelPath));
        }

        if (options.ModelStreamFactory is not null)
        {
            sources.Add(nameof(CxScoringOptions.ModelStreamFactory));
        }

        if (options.ModelFactory is not null)
        {
            sources.Add(nameof(CxScoringOptions.ModelFactory));
        }

        if (sources.Count == 0)
        {
            failures.Add($"{model}: no model source is set. Set exactly one of CxScoringOptions.ModelPath (a model JSON file), ModelStreamFactory or ModelFactory.");
        }
        else if (sources.Count > 1)
        {
            failures.Add($"{model}: {string.Join(" and ", sources)} are set; set exactly one model source.");
        }

        if (options.ModelPath is { } path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{model}: ModelPath is empty; set it to the path of a model JSON file.");
            }
            else if (!File.Exists(path))
            {
                failures.Add($"{model}: ModelPath '{path}' does not exist (resolved to '{Path.GetFullPath(path)}'); set it to the path of a model JSON file.");
            }
        }

        if (options.ReloadOnChange && options.ModelPath is null && sources.Count > 0)
        {
            failures.Add($"{model}: ReloadOnChange is true but the model comes from {sources[0]}, which cannot tell when it changes. Set ModelPath to watch a file, or set ReloadOnChange to false and call ScoringModelHandle.ReloadAsync() when the model should be rebuilt.");
        }

        if (options.ReloadPollingInterval < CxScoringOptions.MinimumReloadPollingInterval)
        {
            failures.Add($"{model}: ReloadPollingInterval is {options.ReloadPollingInterval}; set it to at least {CxScoringOptions.MinimumReloadPollingInterval} (the default is 00:00:02).");
        }
        else if (options.ReloadPollingInterval > CxScoringOptions.MaximumReloadPollingInterval)
        {
            failures.Add($"{model}: ReloadPollingInterval is {options.ReloadPollingInterval}; set it to at most {CxScoringOptions.MaximumReloadPollingInterval} (the default is 00:00:02).");
        }

        if (options.Engine is { } engine)
        {
            if (engine.MaxDegreeOfParallelism < 1)
            {
                failures.Add($"{model}: Engine.MaxDegreeOfParallelism is {engine.MaxDegreeOfParallelism}; set it to 1 (score on the calling thread) or more.");
            }

            if (engine.ParallelThreshold < 0)
            {
                failures.Add($"{model}: Engine.ParallelThreshold is {engine.ParallelThreshold}; set it to 0 or more (the number of rows from which a batch is split over threads).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
