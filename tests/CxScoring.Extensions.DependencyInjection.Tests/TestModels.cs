using CxScoring.Model;
using NodaTime;

namespace CxScoring.Extensions.DependencyInjection.Tests;

/// <summary>Small models for the host tests: two versions that score the same outcome differently.</summary>
internal static class TestModels
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>Chat answers promised in 60 s; customers accept up to <paramref name="adequateSeconds"/>.</summary>
    public static ScoringModel Chat(string name = "chat-v1", double adequateSeconds = 60)
        => ScoringModel.CreateBuilder(name)
            .AddTouchpoint("chat", JourneyStage.Support, Channel.Chat)
            .AddMeasure(Measure.Duration("response", Duration.FromMinutes(1)))
            .AddPromise(Promise.OfDuration("chat-1m", "response", Duration.FromMinutes(1), PromiseSource.Advertising))
            .AddExpectation(new Expectation("response", ExpectationLevel.Absolute(adequateSeconds), ExpectationLevel.Absolute(10)))
            .Build();

    /// <summary>Builds a model whose Build() fails: customers accept 5 s but only hope for 10 s, an inverted zone.</summary>
    public static ScoringModel Invalid() => Chat("broken", 5);

    public static Outcome Answer(double seconds, string touchpoint = "chat")
        => new("c1", touchpoint, "response", seconds, T0);

    public static ScoringModelException InvalidModelError()
    {
        try
        {
            _ = Invalid();
        }
        catch (ScoringModelException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("The invalid test model built.");
    }
}
