using CxScoring.Model;
using NodaTime;

namespace WebApi;

/// <summary>A small telecom model: chat and letter replies, with their promises and zones of tolerance.</summary>
public static class DemoModel
{
    public static ScoringModel Create()
        => ScoringModel.CreateBuilder("telecom-demo")
            .AddSegment(new Segment("consumer"))
            .AddSegment(new Segment("business"))
            .AddTouchpoint("chat-support", JourneyStage.Support, Channel.Chat, 2.0)
            .AddTouchpoint("letter-reply", JourneyStage.Support, Channel.Letter)
            .AddMeasure(Measure.Duration("response", Duration.FromHours(24)))
            .AddPromise(Promise.OfDuration("chat-10m", "response", Duration.FromMinutes(10), PromiseSource.Advertising,
                scope: new Scope(touchpointId: "chat-support")))
            .AddPromise(Promise.OfDuration("reply-5d", "response", Duration.FromDays(5), PromiseSource.ServiceLevelAgreement,
                scope: new Scope(touchpointId: "letter-reply")))
            .AddExpectation(new Expectation("response", ExpectationLevel.Absolute(Duration.FromMinutes(15)), ExpectationLevel.Absolute(Duration.FromMinutes(2)),
                new Scope(touchpointId: "chat-support")))
            .AddExpectation(new Expectation("response", ExpectationLevel.Absolute(Duration.FromDays(3)), ExpectationLevel.Absolute(Duration.FromDays(1)),
                new Scope(touchpointId: "letter-reply")))
            .Build();
}
