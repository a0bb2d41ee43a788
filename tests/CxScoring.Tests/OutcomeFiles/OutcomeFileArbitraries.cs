using System.Globalization;
using System.Text;
using CxScoring.OutcomeFiles;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace CxScoring.Tests.OutcomeFiles;

/// <summary>An outcome file as bytes, and how to read it: format, chunk size, threads, per-customer or not.</summary>
public sealed record OutcomeFileCase(OutcomeFileFormat Format, string[] Lines, string LineEnd, bool ByteOrderMark, bool FinalLineEnd, int ChunkBytes, int Threads, bool ByCustomer)
{
    public byte[] Bytes
    {
        get
        {
            var text = string.Join(LineEnd, Lines) + (FinalLineEnd ? LineEnd : string.Empty);
            var bytes = Encoding.UTF8.GetBytes(text);
            return ByteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
        }
    }

    public override string ToString()
        => $"{Format}, chunks of {ChunkBytes} B on {Threads} threads, by customer {ByCustomer}, BOM {ByteOrderMark}, line end {LineEnd.Replace("\r", "\\r").Replace("\n", "\\n")}:\n{string.Join("\n", Lines)}";
}

/// <summary>A CSV file of plain records only (no quote, no white space, ASCII; LF or CR LF line ends, and bare CRs that end the plain runs), the form the fast path splits 64 bytes at a time.</summary>
public sealed record PlainCsvFileCase(OutcomeFileCase File)
{
    public override string ToString() => File.ToString();
}

/// <summary>An NDJSON file, read from disk on several threads (each worker reading its own buffers at their offsets).</summary>
public sealed record NdjsonFileCase(OutcomeFileCase File)
{
    public override string ToString() => File.ToString();
}

/// <summary>
/// Random CSV and NDJSON outcome files over the ids of <see cref="EngineTestData.Model"/>: well-formed records in the
/// fast forms and the rare ones (quotes, durations, offsets, escapes, non-ASCII, exponents), unknown ids, instants out
/// of the engine's range, malformed records of every kind and blank lines. A failure shrinks to fewer lines.
/// </summary>
public static class OutcomeFileArbitraries
{
    private static readonly string[] Touchpoints = ["web-order", "chat-help", "phone-help", "install", "bill", "store", "tp-unknown", "Web-Order"];
    private static readonly string[] Measures = ["wait", "fcr", "transfers", "accuracy", "csat", "amount", "delivery", "orphan", "m-unknown"];
    private static readonly string[] Segments = ["", "", "", "business", "consumer", "gold"];
    private static readonly string[] CsvHeaders =
    [
        "customer,touchpoint,measure,value,observedAt,segment,promisedLevel,promisedBy,requestedAt,perceivedRating",
        "Customer , touchpoint,MEASURE,value,observedAt,extra,segment,promisedBy,requestedAt,promisedLevel,perceivedRating",
    ];

    public static Arbitrary<OutcomeFileCase> Files()
        => Arb.From(
            from format in Gen.Elements(OutcomeFileFormat.Csv, OutcomeFileFormat.Ndjson)
            from count in Gen.Choose(0, 60)
            from seeds in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), count)
            from header in Gen.Choose(0, CsvHeaders.Length - 1)
            from lineEnd in Gen.Elements("\n", "\r\n", "\r")
            from bom in Gen.Elements(false, true)
            from finalEnd in Gen.Elements(true, false)
            from chunk in Gen.Elements(16, 64, 200, 4096)
            from threads in Gen.Elements(1, 2, 3)
            from byCustomer in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            let end = format == OutcomeFileFormat.Ndjson && lineEnd == "\r" ? "\n" : lineEnd
            select new OutcomeFileCase(format, Build(format, header, seeds), end, bom, finalEnd, chunk, threads, byCustomer),
            Shrink);

    /// <summary>NDJSON files on two or three threads, the records as in <see cref="Files"/>, with buffers as small as a few bytes.</summary>
    public static Arbitrary<NdjsonFileCase> NdjsonFiles()
        => Arb.From(
            from count in Gen.Choose(0, 60)
            from seeds in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), count)
            from lineEnd in Gen.Elements("\n", "\r\n")
            from bom in Gen.Elements(false, true)
            from finalEnd in Gen.Elements(true, false)
            from chunk in Gen.Elements(16, 37, 64, 200, 4096)
            from threads in Gen.Elements(2, 3)
            select new NdjsonFileCase(new OutcomeFileCase(OutcomeFileFormat.Ndjson, Build(OutcomeFileFormat.Ndjson, 0, seeds), lineEnd, bom, finalEnd, chunk, threads, ByCustomer: false)),
            file => Shrink(file.File).Select(f => new NdjsonFileCase(f)));

    /// <summary>Plain CSV files: every byte printable ASCII or LF, with well-formed records and every kind of malformed one that plain text can hold.</summary>
    public static Arbitrary<PlainCsvFileCase> PlainCsvFiles()
        => Arb.From(
            from count in Gen.Choose(0, 80)
            from seeds in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), count)
            from header in Gen.Choose(0, CsvHeaders.Length - 1)
            from lineEnd in Gen.Frequency((3, Gen.Constant("\n")), (2, Gen.Constant("\r\n")), (1, Gen.Constant("\r")))
            from bom in Gen.Elements(false, true)
            from finalEnd in Gen.Elements(true, false)
            from chunk in Gen.Elements(16, 64, 100, 200, 4096)
            from threads in Gen.Elements(1, 2, 3)
            from byCustomer in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new PlainCsvFileCase(new OutcomeFileCase(OutcomeFileFormat.Csv, [CsvHeaders[header], .. seeds.Select(seed => PlainCsvLine(new Random(seed), header))], lineEnd, bom, finalEnd, chunk, threads, byCustomer)),
            file => Shrink(file.File).Select(f => new PlainCsvFileCase(f)));

    private static string PlainCsvLine(Random random, int header)
    {
        var kind = random.Next(25);
        if (kind == 0)
        {
            return string.Empty;
        }

        if (kind == 1)
        {
            return "a,b";
        }

        var customer = random.Next(12) switch
        {
            0 => new string('c', 129),
            1 => string.Empty,
            _ => $"c{random.Next(20)}",
        };
        var touchpoint = random.Next(30) == 0 ? "web-order-and-more-than-sixteen-bytes" : Pick(random, Touchpoints);
        var measure = Pick(random, Measures);
        var value = random.Next(14) switch
        {
            0 => "PT5M",
            1 => "1e3",
            2 => "abc",
            3 => "+12.5",
            4 => "-0",
            5 => "0.1234567890123456789",
            6 => string.Empty,
            7 => "12345678901234567",
            8 => "1.",
            _ => (random.Next(-5000, 10_000_000) / Math.Pow(10, random.Next(4))).ToString(CultureInfo.InvariantCulture),
        };
        var observed = random.Next(20) == 0 ? string.Empty : random.Next(12) == 0 ? "2025-3-01T09:30:00Z" : Instant(random);
        var segment = Pick(random, Segments);
        var level = random.Next(6) == 0 ? "30" : string.Empty;
        var by = measure == "delivery" && random.Next(2) == 0 ? Instant(random) : string.Empty;
        var requested = measure == "delivery" && random.Next(3) == 0 ? Instant(random) : string.Empty;
        var rating = random.Next(5) == 0 ? random.Next(1, 6).ToString(CultureInfo.InvariantCulture) : string.Empty;
        var fields = header == 0
            ? new[] { customer, touchpoint, measure, value, observed, segment, level, by, requested, rating }
            : [customer, touchpoint, measure, value, observed, "x", segment, by, requested, level, rating];
        var line = string.Join(",", fields);
        return kind == 2 ? line + ",extra" : kind == 3 ? line[..line.LastIndexOf(',')] : line;
    }

    private static IEnumerable<OutcomeFileCase> Shrink(OutcomeFileCase file)
    {
        var first = file.Format == OutcomeFileFormat.Csv ? 1 : 0;
        var records = file.Lines[first..];
        foreach (var keep in Shrinking.RemoveRuns(records.Length, 0))
        {
            yield return file with { Lines = [.. file.Lines[..first], .. Shrinking.Pick(records, keep)] };
        }
    }

    private static string[] Build(OutcomeFileFormat format, int header, int[] seeds)
    {
        var lines = new List<string>();
        if (format == OutcomeFileFormat.Csv)
        {
            lines.Add(CsvHeaders[header]);
        }

        foreach (var seed in seeds)
        {
            lines.Add(format == OutcomeFileFormat.Csv ? CsvLine(new Random(seed), header) : NdjsonLine(new Random(seed)));
        }

        return [.. lines];
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Customer(Random random) => random.Next(8) switch
    {
        0 => "cust,\"7\"",
        1 => "kunde-ü",
        2 => "c 1",
        _ => $"c{random.Next(20)}",
    };

    private static string Value(Random random) => random.Next(14) switch
    {
        0 => "PT5M",
        1 => "1e3",
        2 => "abc",
        3 => " 12.5 ",
        4 => "-0",
        5 => "NaN",
        6 => "0.1234567890123456789",
        7 => "",
        _ => (random.Next(-5000, 100_000) / Math.Pow(10, random.Next(4))).ToString(CultureInfo.InvariantCulture),
    };

    private static string Instant(Random random)
    {
        var ticks = random.NextInt64(NodaTime.Instant.FromUtc(2024, 1, 1, 0, 0).ToUnixTimeTicks(), NodaTime.Instant.FromUtc(2027, 1, 1, 0, 0).ToUnixTimeTicks());
        var instant = NodaTime.Instant.FromUnixTimeTicks(ticks);
        return random.Next(16) switch
        {
            0 => NodaTime.Text.OffsetDateTimePattern.Rfc3339.Format(instant.WithOffset(NodaTime.Offset.FromHours(2))),
            1 => "2025-02-30T10:00:00Z",
            2 => "2300-01-01T00:00:00Z",
            3 => "2025-03-01T09:30:00,5Z",
            4 => "2025-03-01 09:30:00Z",
            5 => "1600-03-01T09:30:00Z",
            6 => "2025-03-01T09:30:00.1234567891Z",
            _ => NodaTime.Text.InstantPattern.ExtendedIso.Format(random.Next(3) == 0 ? NodaTime.Instant.FromUnixTimeSeconds(ticks / 10_000_000) : instant),
        };
    }

    private static string CsvLine(Random random, int header)
    {
        var kind = random.Next(20);
        if (kind == 0)
        {
            return string.Empty;
        }

        if (kind == 1)
        {
            return "a,b";
        }

        var customer = Customer(random);
        var touchpoint = Pick(random, Touchpoints);
        var measure = Pick(random, Measures);
        var value = Value(random);
        var observed = random.Next(20) == 0 ? string.Empty : Instant(random);
        var segment = Pick(random, Segments);
        var level = random.Next(6) == 0 ? "30" : string.Empty;
        var by = measure == "delivery" && random.Next(2) == 0 ? Instant(random) : string.Empty;
        var requested = measure == "delivery" && random.Next(3) == 0 ? Instant(random) : string.Empty;
        var rating = random.Next(5) == 0 ? random.Next(1, 6).ToString(CultureInfo.InvariantCulture) : string.Empty;
        var fields = header == 0
            ? new[] { customer, touchpoint, measure, value, observed, segment, level, by, requested, rating }
            : [customer, touchpoint, measure, value, observed, "x", segment, by, requested, level, rating];
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            var quote = f.Contains(',') || f.Contains('"') || random.Next(12) == 0;
            fields[i] = random.Next(40) == 0 ? f + "\"x" : quote ? "\"" + f.Replace("\"", "\"\"") + "\"" : f;
        }

        var line = string.Join(",", fields);
        return kind == 2 ? line + ",extra" : kind == 3 ? "\"multi\nline\"," + line[(line.IndexOf(',') + 1)..] : line;
    }

    private static string NdjsonLine(Random random)
    {
        var kind = random.Next(24);
        if (kind == 0)
        {
            return random.Next(2) == 0 ? string.Empty : "  \t";
        }

        if (kind == 1)
        {
            return "{\"customer\": \"c1\",";
        }

        if (kind == 2)
        {
            return "[1,2]";
        }

        var parts = new List<string>();
        void Add(string name, string json)
        {
            parts.Add($"\"{name}\":{json}");
        }

        string Str(string s) => System.Text.Json.JsonSerializer.Serialize(s);

        if (random.Next(25) != 0)
        {
            Add("customer", random.Next(10) == 0 ? "\"c\\u0031\"" : Str(Customer(random)));
        }

        Add("touchpoint", Str(Pick(random, Touchpoints)));
        var measure = Pick(random, Measures);
        Add("measure", Str(measure));
        switch (random.Next(10))
        {
            case 0:
                Add("value", Str(Value(random)));
                break;
            case 1:
                Add("value", "1.5e2");
                break;
            case 2:
                Add("value", "null");
                break;
            case 3:
                Add("value", "007");
                break;
            case 4:
                Add("value", "true");
                break;
            default:
                Add("value", (random.Next(-500, 100_000) / Math.Pow(10, random.Next(4))).ToString(CultureInfo.InvariantCulture));
                break;
        }

        Add("observedAt", Str(Instant(random)));
        if (Pick(random, Segments) is { Length: > 0 } segment)
        {
            Add("segment", Str(segment));
        }

        if (measure == "delivery" && random.Next(2) == 0)
        {
            Add("promisedBy", Str(Instant(random)));
        }

        if (random.Next(8) == 0)
        {
            Add("promisedLevel", random.Next(2) == 0 ? "25" : "\"PT1H\"");
        }

        if (random.Next(8) == 0)
        {
            Add("perceivedRating", random.Next(1, 6).ToString(CultureInfo.InvariantCulture));
        }

        if (random.Next(10) == 0)
        {
            Add("note", random.Next(2) == 0 ? "{\"a\":1}" : "\"x\"");
        }

        if (random.Next(20) == 0)
        {
            Add("measure", Str(measure));
        }

        var json = "{" + string.Join(random.Next(3) == 0 ? ", " : ",", parts.OrderBy(_ => random.Next(kind == 3 ? 10 : 1))) + "}";
        return random.Next(30) == 0 ? json + " x" : json;
    }
}
