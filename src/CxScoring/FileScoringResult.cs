using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;

namespace CxScoring;

/// <summary>
/// What <see cref="ScoringEngine.ScoreFileAsync(string, FileScoringOptions?, CancellationToken)"/> did with a file:
/// the scorecard, and the read report. Records = read + malformed (<see cref="Report"/>); read = scored + refused
/// (<see cref="Scorecard"/>, refusals counted by reason).
/// </summary>
/// <remarks>Instances are immutable once returned and safe to share between threads.</remarks>
public sealed class FileScoringResult
{
    internal FileScoringResult(Scorecard scorecard, OutcomeReadReport report, int threads)
    {
        Scorecard = scorecard;
        Report = report;
        Threads = threads;
    }

    /// <summary>Gets the scorecard of the outcomes read.</summary>
    public Scorecard Scorecard { get; }

    /// <summary>Gets the records seen, read and malformed, the blank lines, and the first malformed records with their lines.</summary>
    public OutcomeReadReport Report { get; }

    /// <summary>Gets the number of outcomes scored.</summary>
    public long Scored => Scorecard.Scored;

    /// <summary>Gets the number of outcomes read but refused by the engine (see <see cref="Scorecards.Scorecard.RejectedBy"/>).</summary>
    public long Rejected => Scorecard.Rejected;

    /// <summary>Gets the number of threads that parsed and scored the file.</summary>
    public int Threads { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Report}; {Scored} scored, {Rejected} refused";
}
