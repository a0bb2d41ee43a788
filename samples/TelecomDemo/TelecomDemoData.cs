using System.Text;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using NodaTime;

namespace TelecomDemo;

/// <summary>
/// A seeded, reproducible generator of outcomes for the telecom demo model (<c>samples/data/telecom/model.json</c>):
/// customers receive a new offer, ask about it in chat, change their contract by phone, get the upgrade activated,
/// receive their first new invoice and later ones; a wrong monthly fee makes the invoice wrong and cascades into a
/// billing complaint by e-mail, phone or letter, sometimes followed by a second call.
/// </summary>
/// <remarks>The same arguments always give the same outcomes, in the same order. All members are thread-safe.</remarks>
public static class TelecomDemoData
{
    /// <summary>The file the generated outcomes are written to, inside the data folder.</summary>
    public const string OutcomesFileName = "outcomes.ndjson";

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Instant YearStart = Instant.FromUtc(2025, 1, 1, 0, 0);

    /// <summary>Generates the outcomes of the demo: about ten per customer, each customer's journey ordered in time.</summary>
    /// <param name="customers">The number of customers.</param>
    /// <param name="seed">The random seed; the same seed gives the same outcomes.</param>
    /// <param name="includeUnscorable">Whether to add a few outcomes the model must refuse (an unknown touchpoint, a rating off the scale), about one per 2,000.</param>
    /// <returns>The outcomes, customer by customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="customers"/> is negative.</exception>
    public static IEnumerable<Outcome> Generate(int customers = 10_000, int seed = 42, bool includeUnscorable = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        return Iterate(customers, seed, includeUnscorable);
    }

    /// <summary>Writes the generated outcomes as NDJSON, optionally with a few deliberately malformed lines (about one per 5,000).</summary>
    /// <param name="utf8Ndjson">The stream to write to; left open.</param>
    /// <param name="customers">The number of customers.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="includeFaults">Whether to add unscorable outcomes and malformed lines, to show that nothing is lost silently.</param>
    /// <returns>The number of lines written.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="utf8Ndjson"/> is <see langword="null"/>.</exception>
    public static long WriteNdjson(Stream utf8Ndjson, int customers = 10_000, int seed = 42, bool includeFaults = false)
    {
        ArgumentNullException.ThrowIfNull(utf8Ndjson);
        long lines = 0;
        using (var writer = new NdjsonOutcomeWriter(utf8Ndjson))
        {
            foreach (var outcome in Generate(customers, seed, includeFaults))
            {
                writer.Write(outcome);
                lines++;
                if (includeFaults && lines % 5_000 == 0)
                {
                    writer.Flush();
                    var broken = (lines / 5_000 % 3) switch
                    {
                        0 => $"{{\"customer\":\"c{lines}\",\"touchpoint\":\"offer-chat\",\"measure\":\"chat-wait\",\"value\":60,\"observedAt\":\"yesterday\"}}\n",
                        1 => "{\"touchpoint\":\"offer-chat\",\"measure\":\"chat-wait\",\"value\":60,\"observedAt\":\"2025-05-01T10:00:00Z\"}\n",
                        _ => "{\"customer\":\"c0\",\"touchpoint\":\"offer-chat\",\"measure\":\"chat-wait\",\"value\":\n",
                    };
                    utf8Ndjson.Write(Encoding.UTF8.GetBytes(broken));
                    lines++;
                }
            }
        }

        return lines;
    }

    /// <summary>Generates the demo outcomes into <c>generated/outcomes.ndjson</c> under a data folder, unless the file exists.</summary>
    /// <param name="dataDirectory">The telecom data folder (the one holding <c>model.json</c>).</param>
    /// <param name="customers">The number of customers.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The path of the outcomes file.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="dataDirectory"/> is empty.</exception>
    public static string EnsureGenerated(string dataDirectory, int customers = 10_000, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.Combine(dataDirectory, "generated");
        var path = Path.Combine(directory, OutcomesFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            using (var stream = File.Create(temporary))
            {
                WriteNdjson(stream, customers, seed, includeFaults: true);
            }

            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    /// <summary>Finds the telecom data folder by walking up from a start folder to the one holding <c>samples/data/telecom/model.json</c>.</summary>
    /// <param name="start">The folder to start from, typically <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>The data folder's path.</returns>
    /// <exception cref="DirectoryNotFoundException">Thrown when no folder above <paramref name="start"/> holds the demo data.</exception>
    public static string FindDataDirectory(string start)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(start);
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "data", "telecom");
            if (File.Exists(Path.Combine(candidate, "model.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{start}' holds samples/data/telecom/model.json.");
    }

    private static IEnumerable<Outcome> Iterate(int customers, int seed, bool includeUnscorable)
    {
        var random = new Random(seed);
        var journey = new List<Outcome>(32);
        long produced = 0;
        for (var c = 0; c < customers; c++)
        {
            journey.Clear();
            Customer(random, c, journey);
            foreach (var outcome in journey)
            {
                yield return outcome;
                produced++;
                if (includeUnscorable && produced % 2_000 == 0)
                {
                    yield return produced % 4_000 == 0
                        ? new Outcome(outcome.CustomerId, "shop-visit", "satisfaction", 4, outcome.ObservedAt, outcome.SegmentId)
                        : new Outcome(outcome.CustomerId, "contract-change-call", "satisfaction", 7, outcome.ObservedAt, outcome.SegmentId);
                }
            }
        }
    }

    private static void Customer(Random random, int index, List<Outcome> journey)
    {
        var id = $"cust-{index + 1:D5}";
        var segment = random.NextDouble() < 0.2 ? "business" : "consumer";
        var business = segment == "business";
        var t = YearStart + Duration.FromMinutes(random.Next(0, 330 * 24 * 60));
        void Add(string touchpoint, string measure, double value, Instant at, Instant? requestedAt = null)
            => journey.Add(new Outcome(id, touchpoint, measure, value, at, segment, requestedAt: requestedAt));

        // Awareness: the offer e-mail; a third answer the short survey.
        if (random.NextDouble() < 0.3)
        {
            Add("offer-email", "satisfaction", Rating(random, 3.9), t + Duration.FromHours(random.Next(1, 48)));
        }

        // Consideration: questions in chat.
        t += Duration.FromHours(random.Next(2, 96));
        if (random.NextDouble() < 0.6)
        {
            var wait = LogNormal(random, 75, 0.7);
            Add("offer-chat", "chat-wait", Math.Round(wait), t);
            Add("offer-chat", "satisfaction", Rating(random, wait < 120 ? 4.3 : 3.2), t + Duration.FromMinutes(10));
        }

        if (random.NextDouble() > 0.88)
        {
            return;
        }

        // Purchase: the contract change by phone.
        t += Duration.FromHours(random.Next(1, 72));
        t = AtLocalHour(t, random.Next(8, 20));
        var phoneWait = LogNormal(random, 200, 0.6);
        Add("contract-change-call", "phone-wait", Math.Round(phoneWait), t);
        Add("contract-change-call", "satisfaction", Rating(random, phoneWait < 300 ? 4.2 : 3.3), t + Duration.FromMinutes(15));
        var requested = t + Duration.FromMinutes(15);

        // Onboarding: activation due by 17:00 Berlin time the next day; one in eight is late.
        var deadline = Berlin.AtLeniently(requested.InZone(Berlin).Date.PlusDays(1) + new LocalTime(17, 0)).ToInstant();
        var activated = random.NextDouble() < 0.875
            ? deadline - Duration.FromMinutes(random.Next(30, 20 * 60))
            : deadline + Duration.FromMinutes(random.Next(10, 36 * 60));
        Add("upgrade-activation", "upgrade-on-time", 0, activated, requested);

        // Billing: the first invoice; one in eight has a wrong monthly fee.
        var invoice = AtLocalHour(requested.InZone(Berlin).Date.PlusDays(random.Next(20, 35)), 6);
        var wrongFee = random.NextDouble() < 0.125;
        var error = wrongFee ? Math.Round(5 + (random.NextDouble() * 15), 2) : 0;
        Add("first-invoice", "bill-error", error, invoice);
        Add("first-invoice", "bill-accurate", wrongFee ? 0 : 1, invoice);
        if (wrongFee)
        {
            Complaint(random, journey, id, segment, business, invoice + Duration.FromHours(random.Next(2, 72)));
        }

        // Later invoices: corrected after a complaint; a few new errors.
        for (var month = 1; month <= 2; month++)
        {
            var later = invoice + Duration.FromDays(30 * month);
            var laterError = random.NextDouble() < 0.03 ? Math.Round(2 + (random.NextDouble() * 8), 2) : 0;
            Add("monthly-invoice", "bill-error", laterError, later);
            Add("monthly-invoice", "bill-accurate", laterError == 0 ? 1 : 0, later);
        }
    }

    private static void Complaint(Random random, List<Outcome> journey, string id, string segment, bool business, Instant at)
    {
        void Add(string touchpoint, string measure, double value, Instant when, Instant? requestedAt = null)
            => journey.Add(new Outcome(id, touchpoint, measure, value, when, segment, requestedAt: requestedAt));

        var channel = random.NextDouble();
        if (channel < 0.5)
        {
            // E-mail: 48 h promised (24 h for business); mostly kept.
            var reply = LogNormal(random, business ? 14 * 3600 : 30 * 3600, 0.5);
            Add("complaint-email", "reply-time", Math.Round(reply), at + Duration.FromSeconds(Math.Round(reply)));
            Add("complaint-email", "satisfaction", Rating(random, reply < 48 * 3600 ? 3.4 : 2.2), at + Duration.FromSeconds(Math.Round(reply)) + Duration.FromHours(2));
        }
        else if (channel < 0.8)
        {
            // Phone: waits, transfers between billing and sales.
            var wait = LogNormal(random, 320, 0.6);
            var transfers = random.NextDouble() < 0.45 ? random.Next(1, 4) : 0;
            Add("complaint-call", "phone-wait", Math.Round(wait), at);
            Add("complaint-call", "transfers", transfers, at + Duration.FromSeconds(Math.Round(wait)));
            Add("complaint-call", "satisfaction", Rating(random, transfers == 0 ? 3.6 : 2.4), at + Duration.FromMinutes(20));
        }
        else
        {
            // Letter: "within 5 working days" (by 17:00 on the fifth working day of the UK disputes office, bank
            // holidays off) is kept by the letter, but customers expect two days. Three to 4.6 days is inside the
            // promise even for a letter received late on a Sunday (due Friday 17:00, 113 hours later).
            var reply = Duration.FromHours(random.Next(72, 112));
            Add("complaint-letter", "reply-time", reply.TotalSeconds, at + reply, requestedAt: at);
            Add("complaint-letter", "satisfaction", Rating(random, 2.6), at + reply + Duration.FromDays(1));
        }

        // One in three calls again, because the fee is still wrong or nobody confirmed the fix.
        if (random.NextDouble() < 0.33)
        {
            var again = at + Duration.FromDays(random.Next(3, 10));
            var wait = LogNormal(random, 380, 0.6);
            Add("complaint-call", "phone-wait", Math.Round(wait), again);
            Add("complaint-call", "transfers", random.Next(0, 3), again + Duration.FromSeconds(Math.Round(wait)));
            Add("complaint-call", "satisfaction", Rating(random, 2.2), again + Duration.FromMinutes(25));
        }
    }

    private static Instant AtLocalHour(Instant instant, int hour)
        => AtLocalHour(instant.InZone(Berlin).Date, hour);

    private static Instant AtLocalHour(LocalDate date, int hour)
        => Berlin.AtLeniently(date + new LocalTime(hour, 0)).ToInstant();

    private static double LogNormal(Random random, double median, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    private static int Rating(Random random, double mean)
    {
        var value = (int)Math.Round(mean + ((random.NextDouble() + random.NextDouble() - 1.0) * 1.6));
        return Math.Clamp(value, 1, 5);
    }
}
