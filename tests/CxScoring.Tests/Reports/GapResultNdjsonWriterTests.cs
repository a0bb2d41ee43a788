using System.Text;
using System.Text.Json;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Reports;
using NodaTime;

namespace CxScoring.Tests.Reports;

public class GapResultNdjsonWriterTests
{
    private static readonly ScoringModel Model = ScoringModel.CreateBuilder("m")
        .AddTouchpoint("chat", JourneyStage.Support, Channel.Chat)
        .AddMeasure(Measure.Duration("wait", Duration.FromMinutes(5)))
        .AddSegment(new Segment("consumer"))
        .AddPromise(Promise.OfDuration("p", "wait", Duration.FromMinutes(2), PromiseSource.Advertising))
        .AddExpectation(new Expectation("wait", ExpectationLevel.Absolute(Duration.FromMinutes(5)), ExpectationLevel.Absolute(Duration.FromMinutes(1))))
        .Build();

    [Fact]
    public void Write_ScoredOutcome_WritesTheDocumentedShape()
    {
        var outcome = Outcome.OfDuration("c1", "chat", "wait", Duration.FromMinutes(8), Instant.FromUtc(2025, 3, 1, 9, 30), "consumer");
        var root = WriteOne(w => Assert.True(ScoreAndWrite(w, outcome)));
        var expected = Model.Score(outcome);
        Assert.Equal(
            ["v", "customer", "touchpoint", "measure", "segment", "observedAt", "scored", "zone", "score", "feltValue", "adequacy", "superiority", "promiseGap", "settingGap", "promiseKept", "delivered", "promised", "adequate", "desired"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("2025-03-01T09:30:00Z", root.GetProperty("observedAt").GetString());
        Assert.True(root.GetProperty("scored").GetBoolean());
        Assert.Equal("below", root.GetProperty("zone").GetString());
        Assert.Equal(expected.Score, root.GetProperty("score").GetDouble());
        Assert.Equal(expected.PromiseGap, root.GetProperty("promiseGap").GetDouble());
        Assert.False(root.GetProperty("promiseKept").GetBoolean());
        Assert.Equal(480, root.GetProperty("delivered").GetDouble());
    }

    [Fact]
    public void WriteRejection_RejectedOutcome_WritesTheReason()
    {
        var outcome = new Outcome("c1", "shop", "wait", 1, Instant.FromUtc(2025, 3, 1, 9, 30));
        GapResultNdjsonWriter? used = null;
        var root = WriteOne(w =>
        {
            Assert.False(ScoreAndWrite(w, outcome));
            used = w;
        });
        Assert.False(root.GetProperty("scored").GetBoolean());
        Assert.Equal("unknownTouchpoint", root.GetProperty("rejection").GetString());
        Assert.Contains("touchpoint 'shop' is not defined", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("segment", out _));
        Assert.Equal(1, used!.Rejected);
        Assert.Equal(1, used.Written);
    }

    [Fact]
    public void WriteRejection_RequestedAtTheEndOfTime_WritesARejection()
    {
        var outcome = Outcome.OfRequest("c1", "upgrade", "activation", Instant.FromUtc(2026, 3, 2, 9, 0), Instant.FromUtc(9999, 12, 31, 23, 59, 59));
        var model = Tests.Model.ScoringModelTests.Telecom();
        var root = WriteOne(w =>
        {
            Assert.False(model.TryScore(outcome, out _, out var reason));
            w.WriteRejection(outcome, reason, model.DescribeRejection(outcome, reason));
        });
        Assert.False(root.GetProperty("scored").GetBoolean());
        Assert.Equal("instantOutOfRange", root.GetProperty("rejection").GetString());
    }

    [Fact]
    public async Task WriteManyRecords_GivesOneJsonObjectPerLine()
    {
        using var stream = new MemoryStream();
        await using (var writer = new GapResultNdjsonWriter(stream))
        {
            for (var i = 0; i < 5_000; i++)
            {
                ScoreAndWrite(writer, new Outcome($"c{i}", "chat", "wait", i % 600, Instant.FromUnixTimeSeconds(i)));
            }
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5_000, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public void Methods_InvalidArguments_ThrowNamingThem()
    {
        Assert.Equal("utf8Ndjson", Assert.Throws<ArgumentNullException>(() => new GapResultNdjsonWriter(null!)).ParamName);
        using var writer = new GapResultNdjsonWriter(new MemoryStream());
        var outcome = new Outcome("c", "chat", "wait", 1, Instant.FromUnixTimeSeconds(0));
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => writer.Write(default, default)).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteRejection(outcome, (RejectionReason)99)).ParamName);
    }

    private static JsonElement WriteOne(Action<GapResultNdjsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new GapResultNdjsonWriter(stream))
        {
            write(writer);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Write_OverflowingGaps_ThrowsWritesNothingAndStaysUsable()
    {
        // Gaps that overflowed to infinity (a huge value over a tiny scale) cannot be written as JSON numbers.
        var huge = new Outcome("c1", "chat", "wait", 1e306, Instant.FromUtc(2025, 3, 1, 9, 30));
        var fine = Outcome.OfDuration("c2", "chat", "wait", Duration.FromMinutes(3), Instant.FromUtc(2025, 3, 1, 9, 30));
        var overflowed = new GapResult(1e306, 5, 5, 1, double.PositiveInfinity, 0, double.PositiveInfinity, double.PositiveInfinity, Zone.Below, -1, -2.25);
        using var stream = new MemoryStream();
        using (var writer = new GapResultNdjsonWriter(stream))
        {
            var ex = Assert.Throws<ArgumentException>(() => writer.Write(huge, overflowed));
            Assert.Equal("result", ex.ParamName);
            Assert.Contains("'adequacy'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("customer 'c1'", ex.Message, StringComparison.Ordinal);
            Assert.True(ScoreAndWrite(writer, fine));
            Assert.Equal(1, writer.Written);
        }

        var line = Assert.Single(Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("c2", JsonDocument.Parse(line).RootElement.GetProperty("customer").GetString());
    }

    // The caller scores and the writer writes: the pattern the format documentation shows.
    private static bool ScoreAndWrite(GapResultNdjsonWriter writer, in Outcome outcome)
    {
        if (Model.TryScore(outcome, out var result, out var reason))
        {
            writer.Write(outcome, result);
            return true;
        }

        writer.WriteRejection(outcome, reason, Model.DescribeRejection(outcome, reason));
        return false;
    }
}
