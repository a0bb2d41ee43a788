using CxScoring;
using CxScoring.Gaps;
using CxScoring.Model;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

// Exercises the packed assemblies as a user would reference them: a model file, the engine, the DI package.
const string ModelJson = """
{
  "schemaVersion": 1,
  "name": "consumer",
  "touchpoints": [ { "id": "chat", "stage": "support", "channel": "chat" } ],
  "measures": [ { "id": "reply", "kind": "duration", "scale": "PT10M" } ],
  "promises": [ { "id": "reply-5m", "measure": "reply", "level": "PT5M", "source": "advertising" } ],
  "expectations": [ { "measure": "reply", "adequate": { "relativeToPromise": "PT5M" }, "desired": { "value": "PT2M" } } ]
}
""";

var model = ScoringModelJson.Parse(ModelJson);
var at = Instant.FromUtc(2026, 11, 2, 9, 0);
Outcome[] outcomes =
[
    Outcome.OfDuration("c1", "chat", "reply", Duration.FromMinutes(1), at),
    Outcome.OfDuration("c2", "chat", "reply", Duration.FromMinutes(30), at),
    new Outcome("c3", "chat", "nope", 1, at),
];

using var provider = new ServiceCollection().AddCxScoring(model).BuildServiceProvider();
var engine = provider.GetRequiredService<ScoringEngine>();
var builder = engine.CreateScorecardBuilder();
engine.ScoreOutcomes(outcomes, builder);
var scorecard = builder.Build();

var below = model.Score(outcomes[1]).Zone;
if (scorecard.Scored != 2 || scorecard.RejectedBy(RejectionReason.UnknownMeasure) != 1 || below != Zone.Below)
{
    Console.Error.WriteLine($"package-consumer: unexpected results: scored {scorecard.Scored}, rejected {scorecard.Rejected}, zone {below}");
    return 1;
}

Console.WriteLine($"package-consumer: CxScoring packages restored and ran: {scorecard.Scored} scored, {scorecard.Rejected} rejected, 30-minute reply {below}.");
return 0;
