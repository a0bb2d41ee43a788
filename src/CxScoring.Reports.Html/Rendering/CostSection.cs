using System.Globalization;
using System.Text.Json;
using CxScoring.Journeys.Costs;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>
/// The "Cost of non-compliance" section: the total and the sums per kind, a bar chart of the amounts per promise and
/// per owner (<c>Assets/costs.vl.json</c>), the sums per month, each with a data table; without costs, how to get them.
/// Given the costs of what a comparison compares against, the change from them: by kind, the promises whose cost changed
/// most and by owner, as <c>cx compare --prices</c> prints it.
/// </summary>
internal static class CostSection
{
    /// <summary>The chart's name: its specification file, its key in the chart data and its element's <c>data-chart</c>.</summary>
    public const string Chart = "costs";

    /// <summary>The name of the chart of the change of the cost (<c>Assets/costchange.vl.json</c>).</summary>
    public const string ChangeChart = "costchange";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(NonComplianceCostReport? costs, NonComplianceCostReport? before, string? compared, int maxPromises, TextWriter o)
    {
        if (costs is null)
        {
            o.Write("<section id=\"costs\" aria-labelledby=\"costs-title\">\n<h2 id=\"costs-title\">Cost of non-compliance</h2>\n");
            o.Write("<p data-empty=\"costs\">No prices were given, so the report cannot say what non-compliance costs. Write a prices file — penalties per broken promise, a cost per unit of shortfall per measure, a cost per follow-on contact, revenue and a churn curve (docs/prices-format.md) — and run <code>cx score MODEL OUTCOMES --prices prices.json --html report.html</code>, or pass a <code>NonComplianceCostReport</code> as <code>ScorecardHtmlOptions.Costs</code>; this section then shows the total, the sums per kind of cost, per promise, per owner and per month.</p>\n</section>\n");
            return;
        }

        var currency = costs.Currency is { } label ? " " + label : string.Empty;
        var description = costs.Total == 0
            ? "Nothing was priced: no outcome broke a priced promise or fell short on a priced measure, and no cascade or churn was priced."
            : Describe(costs, currency);
        o.Write("<section id=\"costs\" aria-labelledby=\"costs-title\">\n<h2 id=\"costs-title\">Cost of non-compliance</h2>\n");
        o.Write($"<p class=\"muted\">What the shortfalls cost at the prices given: penalties for broken promises, shortfall below the zone of tolerance × a rate per measure, follow-on contacts beyond the baseline × their cost, and revenue at risk from the churn curve. The amounts are only as good as the prices (docs/prices-format.md).</p>\n");
        o.Write("<ul class=\"kpis\" aria-label=\"Cost of non-compliance\">\n");
        Kpi(o, "total" + currency, costs.Total);
        foreach (var kind in Enum.GetValues<NonComplianceCostKind>())
        {
            Kpi(o, Name(kind), costs.ByKind.GetValueOrDefault(kind));
        }

        o.Write("</ul>\n");
        var hasChart = costs.ByPromise.Count + costs.ByOwner.Count > 0;
        o.Write($"<figure aria-describedby=\"costs-description\">\n");
        if (hasChart)
        {
            o.Write($"<div class=\"chart\" data-chart=\"{Chart}\"></div>\n");
        }

        o.Write($"<figcaption id=\"costs-description\">{HtmlDocument.E(description)}</figcaption>\n</figure>\n");
        o.Write("<details>\n<summary>Data table: cost of non-compliance</summary>\n");
        Table(o, "By kind of cost", "kind", currency, costs.ByKind.Select(p => (Name(p.Key), p.Value)), costs.Total);
        Table(o, "By promise, largest first (follow-on contacts name no promise)", "promise", currency, costs.ByPromise.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), costs.Total);
        Table(o, "By owner, largest first (each unit on its own, not with its sub-units)", "owner", currency, Owners(costs), costs.Total);
        Table(o, "By month", "month", currency, costs.ByMonth.Select(p => (p.Key.ToString("yyyy-MM", C), p.Value)), costs.Total);
        o.Write("</details>\n");
        if (before is not null)
        {
            WriteChange(before, costs, compared ?? "the comparison given with this report", maxPromises, currency, o);
        }

        o.Write("</section>\n");
    }

    /// <summary>The change of the cost from the earlier outcomes of a comparison: the totals, then by kind, the promises whose cost changed most (either way) and by owner.</summary>
    private static void WriteChange(NonComplianceCostReport before, NonComplianceCostReport after, string compared, int maxPromises, string currency, TextWriter o)
    {
        o.Write($"<h3 id=\"costs-change-title\">Change of the cost: {HtmlDocument.E(compared)}</h3>\n");
        o.Write($"<p class=\"description\" id=\"costs-change\">{HtmlDocument.E($"Cost of non-compliance {Amount(before.Total)}{currency} before, {Amount(after.Total)}{currency} after: a change of {Change(after.Total - before.Total)}{currency} ({Relative(before.Total, after.Total)}). Both are priced with the same prices; the section above shows the costs after.")}</p>\n");
        o.Write("<ul class=\"kpis\" aria-label=\"Change of the cost of non-compliance\">\n");
        o.Write($"<li><b>{Amount(before.Total)}</b>before{HtmlDocument.E(currency)}</li>\n<li><b>{Amount(after.Total)}</b>after{HtmlDocument.E(currency)}</li>\n<li><b>{Change(after.Total - before.Total)}</b>change{HtmlDocument.E(currency)}</li>\n<li><b>{Relative(before.Total, after.Total)}</b>change %</li>\n");
        o.Write("</ul>\n");
        var kinds = KindChanges(before, after).ToList();
        var promises = PromiseChanges(before, after, maxPromises).ToList();
        var largest = kinds.Concat(promises).Where(r => r.After != r.Before).ToList();
        var description = largest.Count == 0
            ? "No kind of cost and no promise changed."
            : $"The largest change by kind is {kinds[0].Name} ({Change(kinds[0].After - kinds[0].Before)}{currency})"
                + (promises.Count > 0 ? $", by promise {promises[0].Name} ({Change(promises[0].After - promises[0].Before)}{currency})." : ".");
        o.Write($"<figure aria-describedby=\"{ChangeChart}-description\">\n");
        if (largest.Count > 0)
        {
            o.Write($"<div class=\"chart\" data-chart=\"{ChangeChart}\"></div>\n");
        }

        o.Write($"<figcaption id=\"{ChangeChart}-description\">{HtmlDocument.E(description)}</figcaption>\n</figure>\n");
        ChangeTable(o, "By kind of cost, largest change first", "kind", currency, ("before", "after"), kinds);
        if (maxPromises > 0)
        {
            ChangeTable(o, string.Create(C, $"The {maxPromises} promises whose cost changed most, either way"), "promise", currency, ("before", "after"), promises);
        }

        var owners = Pairs(before.ByOwner, after.ByOwner).OrderByDescending(p => Math.Abs(p.After - p.Before)).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Before, p.After)).ToList();
        if (before.Unowned != 0 || after.Unowned != 0)
        {
            owners.Add(("(no owner)", before.Unowned, after.Unowned));
        }

        ChangeTable(o, "By owner, largest change first", "owner", currency, ("before", "after"), owners);
    }

    /// <summary>Writes the rows the chart of the change reads: per kind of cost, then per promise listed, the largest change first.</summary>
    public static void WriteChangeData(NonComplianceCostReport? costs, NonComplianceCostReport? before, int maxPromises, Utf8JsonWriter w)
    {
        w.WriteStartArray(ChangeChart);
        if (costs is not null && before is not null)
        {
            var currency = costs.Currency is { } unit ? " " + unit : string.Empty;
            var order = 0;
            foreach (var (group, rows) in new[] { ("by kind", KindChanges(before, costs)), ("by promise", PromiseChanges(before, costs, maxPromises)) })
            {
                foreach (var (name, was, now) in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("group", group);
                    w.WriteString("label", name);
                    w.WriteNumber("order", order++);
                    w.WriteNumber("change", (double)(now - was));
                    w.WriteNumber("labelAt", (double)Math.Max(now - was, 0));
                    w.WriteString("direction", now >= was ? "rose" : "fell");
                    w.WriteString("beforeText", Amount(was) + currency);
                    w.WriteString("afterText", Amount(now) + currency);
                    w.WriteString("changeText", Change(now - was) + currency);
                    w.WriteString("relative", Relative(was, now));
                    w.WriteEndObject();
                }
            }
        }

        w.WriteEndArray();
    }

    /// <summary>The kinds of cost either side has, the largest change first.</summary>
    private static IEnumerable<(string Name, decimal Before, decimal After)> KindChanges(NonComplianceCostReport before, NonComplianceCostReport after)
        => Pairs(before.ByKind, after.ByKind).OrderByDescending(p => Math.Abs(p.After - p.Before)).Select(p => (Name(p.Key), p.Before, p.After));

    /// <summary>The promises whose cost changed most, either way (ties by id), at most <paramref name="max"/>.</summary>
    private static IEnumerable<(string Name, decimal Before, decimal After)> PromiseChanges(NonComplianceCostReport before, NonComplianceCostReport after, int max)
        => Pairs(before.ByPromise, after.ByPromise).OrderByDescending(p => Math.Abs(p.After - p.Before)).ThenBy(p => p.Key, StringComparer.Ordinal).Take(max).Select(p => (p.Key, p.Before, p.After));

    /// <summary>A table of amounts on two sides with their change and relative change.</summary>
    internal static void ChangeTable(TextWriter o, string caption, string first, string currency, (string Before, string After) sides, IEnumerable<(string Name, decimal Before, decimal After)> rows)
    {
        var unit = HtmlDocument.E(currency);
        o.Write($"<table class=\"changes\" data-table=\"{first}\">\n<caption class=\"muted\">{HtmlDocument.E(caption)}</caption>\n<thead><tr><th class=\"text\">{first}</th><th>{sides.Before}{unit}</th><th>{sides.After}{unit}</th><th>change{unit}</th><th>change %</th></tr></thead>\n<tbody>\n");
        foreach (var (name, before, after) in rows)
        {
            o.Write($"<tr><td class=\"text\">{HtmlDocument.E(name)}</td><td>{Amount(before)}</td><td>{Amount(after)}</td><td>{Change(after - before)}</td><td>{Relative(before, after)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
    }

    /// <summary>The sums of two reports by key, zero where one has none, in key order.</summary>
    private static IEnumerable<(TKey Key, decimal Before, decimal After)> Pairs<TKey>(IReadOnlyDictionary<TKey, decimal> before, IReadOnlyDictionary<TKey, decimal> after)
        where TKey : notnull
        => before.Keys.Union(after.Keys).Order().Select(k => (k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)));

    /// <summary>A change of an amount, signed.</summary>
    internal static string Change(decimal change) => change.ToString("+#,##0.00;−#,##0.00;0.00", C);

    /// <summary>The relative change of the amounts as shown (to the cent), so that 0.00 to 0.00 reads 0.0 %, not −100 %.</summary>
    internal static string Relative(decimal before, decimal after)
    {
        (before, after) = (Math.Round(before, 2), Math.Round(after, 2));
        return before == 0 ? (after == 0 ? "0.0 %" : "new") : ((double)((after - before) / before)).ToString("+0.0 %;−0.0 %;0.0 %", C);
    }

    /// <summary>Writes the rows the chart reads: the amount per promise, then per owner, largest first.</summary>
    public static void WriteData(NonComplianceCostReport? costs, Utf8JsonWriter w)
    {
        w.WriteStartArray(Chart);
        if (costs is not null)
        {
            var currency = costs.Currency is { } unit ? " " + unit : string.Empty;
            foreach (var (label, amount) in costs.ByPromise.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)))
            {
                Row(w, "by promise", label, amount, costs.Total, currency);
            }

            foreach (var (label, amount) in Owners(costs))
            {
                Row(w, "by owner", label, amount, costs.Total, currency);
            }
        }

        w.WriteEndArray();
    }

    private static void Row(Utf8JsonWriter w, string group, string label, decimal amount, decimal total, string currency)
    {
        w.WriteStartObject();
        w.WriteString("group", group);
        w.WriteString("label", label);
        w.WriteNumber("amount", (double)amount);
        w.WriteString("amountText", Amount(amount) + currency);
        w.WriteNumber("share", total == 0 ? 0 : (double)(amount / total));
        w.WriteEndObject();
    }

    private static IEnumerable<(string Name, decimal Amount)> Owners(NonComplianceCostReport costs)
    {
        var owners = costs.ByOwner.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
        if (costs.Unowned != 0)
        {
            owners.Add(("(no owner)", costs.Unowned));
        }

        return owners;
    }

    private static string Describe(NonComplianceCostReport costs, string currency)
    {
        var kind = costs.ByKind.MaxBy(p => p.Value);
        var text = $"Non-compliance cost {Amount(costs.Total)}{currency} in all; the largest part is {Name(kind.Key)} ({Share(kind.Value, costs.Total)})";
        if (costs.ByPromise.Count > 0)
        {
            var promise = costs.ByPromise.MaxBy(p => p.Value);
            text += $", the costliest promise {promise.Key} ({Amount(promise.Value)}{currency})";
        }

        if (costs.ByOwner.Count > 0)
        {
            var owner = costs.ByOwner.MaxBy(p => p.Value);
            text += $" and the costliest owner {owner.Key} ({Amount(owner.Value)}{currency})";
        }

        return text + ".";
    }

    private static void Table(TextWriter o, string caption, string first, string currency, IEnumerable<(string Name, decimal Amount)> rows, decimal total)
    {
        o.Write($"<table>\n<caption class=\"muted\">{HtmlDocument.E(caption)}</caption>\n<thead><tr><th class=\"text\">{first}</th><th>amount{HtmlDocument.E(currency)}</th><th>share of the total</th></tr></thead>\n<tbody>\n");
        foreach (var (name, amount) in rows)
        {
            o.Write($"<tr><td class=\"text\">{HtmlDocument.E(name)}</td><td>{Amount(amount)}</td><td>{Share(amount, total)}</td></tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
    }

    private static void Kpi(TextWriter o, string label, decimal amount) => o.Write($"<li><b>{Amount(amount)}</b>{HtmlDocument.E(label)}</li>\n");

    internal static string Name(NonComplianceCostKind kind) => kind switch
    {
        NonComplianceCostKind.BreachPenalty => "breach penalties",
        NonComplianceCostKind.Shortfall => "shortfall below the zone",
        NonComplianceCostKind.FollowOnContacts => "follow-on contacts",
        _ => "revenue at risk",
    };

    internal static string Amount(decimal amount) => amount.ToString("N2", C);

    private static string Share(decimal amount, decimal total) => total == 0 ? "–" : ((double)(amount / total)).ToString("P1", C);
}
