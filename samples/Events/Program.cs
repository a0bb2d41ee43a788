using CxScoring;
using CxScoring.Events;
using CxScoring.Reports;
using NodaTime;
using TelecomDemo;

// The telecom demo model: letters answered "within 5 working days" of the UK disputes office, e-mails within 48 hours.
var data = TelecomDemoData.FindDataDirectory(AppContext.BaseDirectory);
var model = await ScoringModelJson.LoadFileAsync(Path.Combine(data, "model.json"));

// A case-management system does not emit outcomes; it emits "complaint opened" and "reply sent" events.
var engine = new ScoringEngine(model);
var scorecard = engine.CreateScorecardBuilder();
var pairer = new EventPairer(new EventPairingOptions { StartTimeout = Duration.FromDays(30), MaxOpenStarts = 100_000 });
var result = await engine.ScoreAsync(pairer.PairAsync(CaseEvents(seed: 7, complaints: 20_000)), scorecard);

// Every event is accounted for: paired into outcomes, or counted as unmatched, duplicate, late or malformed.
Console.WriteLine($"Events: {pairer.Report}");
Console.WriteLine($"Every event counted once: {pairer.Report.IsBalanced}");
Console.WriteLine($"Scored: {result}");
Console.WriteLine();
ScorecardTextWriter.Write(scorecard.Build(), Console.Out);

// Complaints by e-mail and by letter: opened during 2025, most answered, a few never, some replies sent twice.
static async IAsyncEnumerable<OutcomeEvent> CaseEvents(int seed, int complaints)
{
    var random = new Random(seed);
    var pending = new PriorityQueue<OutcomeEvent, Instant>();
    var opened = Instant.FromUtc(2025, 1, 6, 8, 0);
    for (var i = 0; i < complaints; i++)
    {
        opened += Duration.FromMinutes(random.Next(1, 50));
        var letter = random.NextDouble() < 0.3;
        var key = $"case-{i}";
        var start = OutcomeEvent.Start(key, opened, $"customer-{random.Next(5_000)}", letter ? "complaint-letter" : "complaint-email", "reply-time", random.NextDouble() < 0.2 ? "business" : "consumer");

        // Release the replies due before this complaint, in time order, as a live system would.
        while (pending.TryPeek(out _, out var due) && due <= opened)
        {
            yield return pending.Dequeue();
        }

        yield return start;
        if (random.NextDouble() < 0.02)
        {
            continue; // never answered: counted as timed out or open, not lost
        }

        var reply = opened + Duration.FromHours(letter ? random.Next(60, 110) : random.Next(2, 60));
        pending.Enqueue(OutcomeEvent.End(key, reply), reply);
        if (random.NextDouble() < 0.01)
        {
            pending.Enqueue(OutcomeEvent.End(key, reply + Duration.FromMinutes(5)), reply + Duration.FromMinutes(5)); // sent twice
        }
    }

    while (pending.TryDequeue(out var end, out _))
    {
        yield return end;
    }

    await Task.CompletedTask;
}
