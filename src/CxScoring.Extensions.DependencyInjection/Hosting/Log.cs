using Microsoft.Extensions.Logging;

namespace CxScoring.Hosting;

/// <summary>The log messages of the CxScoring host integration, source-generated so logging costs nothing when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ModelLoaded", Level = LogLevel.Information,
        Message = "CxScoring model {Registration} loaded from {Source}: model '{ModelName}' version {Version} with {Touchpoints} touchpoints, {Measures} measures, {Promises} promises and {Expectations} expectations.")]
    public static partial void ModelLoaded(ILogger logger, string registration, string source, string modelName, long version, int touchpoints, int measures, int promises, int expectations);

    [LoggerMessage(EventId = 2, EventName = "ModelLoadFailed", Level = LogLevel.Error,
        Message = "CxScoring model {Registration} could not be loaded from {Source}: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, Exception exception, string registration, string source, string reason);

    [LoggerMessage(EventId = 3, EventName = "ModelReloaded", Level = LogLevel.Information,
        Message = "CxScoring model {Registration} reloaded from {Source}: version {OldVersion} replaced by version {Version} (model '{ModelName}').")]
    public static partial void ModelReloaded(ILogger logger, string registration, string source, long oldVersion, long version, string modelName);

    [LoggerMessage(EventId = 4, EventName = "ModelReloadFailed", Level = LogLevel.Warning,
        Message = "CxScoring model {Registration}: reload from {Source} failed, version {Version} stays in force. {Reason}")]
    public static partial void ModelReloadFailed(ILogger logger, Exception exception, string registration, string source, long version, string reason);

    [LoggerMessage(EventId = 5, EventName = "ModelChanged", Level = LogLevel.Debug,
        Message = "CxScoring model {Registration}: {Source} changed; reloading.")]
    public static partial void ModelChanged(ILogger logger, string registration, string source);

    [LoggerMessage(EventId = 6, EventName = "ReloadHandlerFailed", Level = LogLevel.Error,
        Message = "CxScoring model {Registration}: a Reloaded event handler threw.")]
    public static partial void ReloadHandlerFailed(ILogger logger, Exception exception, string registration);

    [LoggerMessage(EventId = 7, EventName = "RejectionSummary", Level = LogLevel.Warning,
        Message = "CxScoring model '{ModelName}': {Rejected} of {Received} outcomes refused ({Reasons}); see RejectionReason for what each means.")]
    public static partial void RejectionSummary(ILogger logger, string modelName, long rejected, long received, string reasons);

    [LoggerMessage(EventId = 8, EventName = "AllScored", Level = LogLevel.Debug,
        Message = "CxScoring model '{ModelName}': all {Received} outcomes scored.")]
    public static partial void AllScored(ILogger logger, string modelName, long received);

    /// <summary>Gets the registration's name as it reads in a log line.</summary>
    public static string Registration(string name) => name.Length == 0 ? "(default)" : $"'{name}'";
}
