using CxScoring.Comparisons;
using CxScoring.Reports.Html.Rendering;
using NodaTime;

namespace CxScoring.Reports.Html.Tests.Rendering;

public sealed class SignificanceViewTests
{
    [Fact]
    public void AdjustBenjaminiHochberg_PublishedFifteenPValues_RejectsTheFourSmallest()
    {
        // Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1), 289–300, section 4 (docs/sources.md): at q* = 0.05
        // the procedure rejects the four smallest of these fifteen p-values.
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        var rows = p.Reverse().Select((value, i) => Row($"g{i}", value)).Append(Row("untested", null)).ToList();

        var adjusted = SignificanceView.AdjustBenjaminiHochberg(rows, 0.05);

        Assert.Equal([0.0001, 0.0004, 0.0019, 0.0095], adjusted.Where(r => r.Significant).Select(r => r.P!.Value).Order());
        Assert.Equal(15 * 0.0095 / 4, adjusted.Single(r => r.P == 0.0095).Q!.Value, 12);
        Assert.Null(adjusted.Single(r => r.Key == "untested").Q);
        Assert.Equal(1.0, adjusted.Single(r => r.P == 1.000).Q);
    }

    [Fact]
    public void AdjustBenjaminiHochberg_OneComparison_GivesTheCoresQValues()
    {
        var days = TelecomScorecard.Total.ByDay.Keys;
        var middle = days.First().PlusDays(Period.DaysBetween(days.First(), days.Last()) / 2);
        var report = ScorecardComparison.ComparePeriods(TelecomScorecard.Total, new DateInterval(days.First(), middle), new DateInterval(middle.PlusDays(1), days.Last()));
        var rows = report.Rows.Select(r => new ChangeRow(r.Kind, r.Key, r.Key, r.Metric, r.Status, r.BeforeCount, r.AfterCount, r.Before, r.After, r.EffectSize, r.Lower, r.Upper, r.PValue, null, false)).ToList();

        var adjusted = SignificanceView.AdjustBenjaminiHochberg(rows, report.Options.FalseDiscoveryRate);

        Assert.True(report.TestCount >= 3, "The halves of the demo year have enough outcomes to test.");
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(report.Rows[i].QValue, adjusted[i].Q);
            Assert.Equal(report.Rows[i].IsSignificant, adjusted[i].Significant);
        }
    }

    private static ChangeRow Row(string key, double? p)
        => new(ComparisonGroupKind.Touchpoint, key, key, ComparisonMetric.MeanScore, p is null ? ComparisonStatus.NotEnoughData : ComparisonStatus.Tested, 100, 100, 0, 0, null, null, null, p, null, false);
}
