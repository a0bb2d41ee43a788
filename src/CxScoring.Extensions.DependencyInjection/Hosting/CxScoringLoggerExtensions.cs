using System.Globalization;
using System.Text;
using CxScoring.Gaps;
using CxScoring.Scorecards;
using Microsoft.Extensions.Logging;

namespace CxScoring.Hosting;

/// <summary>Logs what a host needs to know about scored batches, with the same source-generated messages as the rest of the package.</summary>
/// <remarks>The methods are stateless and safe to call from any number of threads.</remarks>
public static class CxScoringLoggerExtensions
{
    /// <summary>
    /// Logs the refusals of a scorecard: a warning naming each <see cref="RejectionReason"/> and its count when any
    /// outcome was refused, or a debug line when every outcome was scored. Refused outcomes are never dropped silently.
    /// </summary>
    /// <param name="logger">The logger.</param>
    /// <param name="scorecard">The scorecard of a batch, a stream or a period.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="logger"/> or <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    public static void LogRejectionSummary(this ILogger logger, Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(scorecard);
        var model = scorecard.Plan.Model.Name;
        if (scorecard.Rejected == 0)
        {
            Log.AllScored(logger, model, scorecard.Received);
            return;
        }

        if (!logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        var reasons = new StringBuilder();
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            var count = scorecard.RejectedBy(reason);
            if (count > 0)
            {
                reasons.Append(reasons.Length == 0 ? string.Empty : ", ").Append(reason).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture));
            }
        }

        Log.RejectionSummary(logger, model, scorecard.Rejected, scorecard.Received, reasons.ToString());
    }
}
