using CxScoring.Hosting;
using CxScoring.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxScoring.Extensions.DependencyInjection.Tests.Hosting;

public class CxScoringLoggerExtensionsTests
{
    [Fact]
    public void LogRejectionSummary_NullArguments_ThrowNamingParameter()
    {
        var scorecard = new ScoringEngine(TestModels.Chat()).CreateScorecardBuilder().Build();
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => CxScoringLoggerExtensions.LogRejectionSummary(null!, scorecard)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => NullLogger.Instance.LogRejectionSummary(null!)).ParamName);
    }

    [Fact]
    public void LogRejectionSummary_SomeRefused_WarnsWithEachReasonAndCount()
    {
        var engine = new ScoringEngine(TestModels.Chat("chat"));
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes([TestModels.Answer(30), TestModels.Answer(30, "web"), TestModels.Answer(30, "shop"), new Outcome("c1", "chat", "wait", 30, TestModels.T0)], builder);
        var logs = new ListLoggerProvider();

        logs.CreateLogger("test").LogRejectionSummary(builder.Build());

        var entry = Assert.Single(logs.Entries);
        Assert.Equal((LogLevel.Warning, "RejectionSummary"), (entry.Level, entry.Id.Name));
        Assert.Equal("CxScoring model 'chat': 3 of 4 outcomes refused (UnknownTouchpoint 2, UnknownMeasure 1); see RejectionReason for what each means.", entry.Message);
    }

    [Fact]
    public void LogRejectionSummary_AllScored_LogsAtDebug()
    {
        var engine = new ScoringEngine(TestModels.Chat("chat"));
        var builder = engine.CreateScorecardBuilder();
        engine.ScoreOutcomes([TestModels.Answer(30)], builder);
        var logs = new ListLoggerProvider();

        logs.CreateLogger("test").LogRejectionSummary(builder.Build());

        var entry = Assert.Single(logs.Entries);
        Assert.Equal((LogLevel.Debug, "AllScored"), (entry.Level, entry.Id.Name));
        Assert.Equal("CxScoring model 'chat': all 1 outcomes scored.", entry.Message);
    }
}
