using System.Globalization;

namespace CxScoring.Cli.Input;

/// <summary>What the inputs held: records read, malformed records and refused outcomes, with the first few of each by position.</summary>
/// <remarks>Refusals may be reported from several threads (the engine's parallel path); members lock.</remarks>
internal sealed class InputSummary
{
    public const int Examples = 5;

    private readonly Lock _lock = new();
    private readonly List<string> _malformed = [];
    private readonly List<string> _refused = [];
    private readonly List<string> _warnings = [];

    public long Records { get; private set; }

    public long Malformed { get; private set; }

    public long Refused { get; private set; }

    public int Files { get; private set; }

    public IReadOnlyList<string> MalformedExamples => _malformed;

    public IReadOnlyList<string> RefusedExamples => _refused;

    /// <summary>Gets the warnings about the inputs (an input with no outcome), in the order they arose.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Warns that an input held no record: an empty file, or a CSV header alone.</summary>
    public void WarnIfEmpty(string name, long records)
    {
        if (records == 0)
        {
            lock (_lock)
            {
                _warnings.Add($"no outcome was read from '{name}': it holds no record (an empty file, or a CSV header alone).");
            }
        }
    }

    public long Bad => Malformed + Refused;

    public double BadRate => Records == 0 ? 0 : (double)Bad / Records;

    public void AddSource(long records, long malformed, IEnumerable<string> examples)
    {
        lock (_lock)
        {
            Files++;
            Records += records;
            Malformed += malformed;
            foreach (var example in examples)
            {
                if (_malformed.Count < Examples)
                {
                    _malformed.Add(example);
                }
            }
        }
    }

    /// <summary>Counts the refusals of an input scored in bulk (a columnar file), with one example per reason.</summary>
    public void AddRefused(long count, IEnumerable<string> examples)
    {
        lock (_lock)
        {
            Refused += count;
            foreach (var example in examples)
            {
                if (_refused.Count < Examples)
                {
                    _refused.Add(example);
                }
            }
        }
    }

    /// <summary>Counts a refusal; asks for its description only while examples are still wanted.</summary>
    public void AddRefused(Func<string> describe)
    {
        lock (_lock)
        {
            Refused++;
            if (_refused.Count < Examples)
            {
                _refused.Add(describe());
            }
        }
    }

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"Read {Records:N0} records from {Files} input{(Files == 1 ? "" : "s")}: {Malformed:N0} malformed, {Refused:N0} refused by the model ({BadRate:P2} bad).");
        if (Malformed > 0)
        {
            yield return string.Create(c, $"Malformed records (first {_malformed.Count} of {Malformed:N0}):");
            foreach (var example in _malformed)
            {
                yield return "  " + example;
            }
        }

        if (Refused > 0)
        {
            yield return string.Create(c, $"Refused outcomes ({_refused.Count} of {Refused:N0}, for example):");
            foreach (var example in _refused)
            {
                yield return "  " + example;
            }
        }
    }

    public void Report(TextWriter error, double maxBadRate)
    {
        foreach (var line in Lines())
        {
            error.WriteLine(line);
        }

        foreach (var warning in _warnings)
        {
            error.WriteLine($"cx: warning: {warning}");
        }

        if (BadRate > maxBadRate)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cx: {BadRate:P2} of the records were malformed or refused, more than --max-bad-rate {maxBadRate:P2} allows (exit code 1)."));
        }
    }
}
