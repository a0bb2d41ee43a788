using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Plans;

namespace CxScoring.Journeys.Scenarios;

/// <summary>
/// A what-if: changes to a scoring model and to delivery, applied to the same outcomes by <see cref="WhatIfAnalysis"/>.
/// A promise's level moved (<see cref="WithPromiseLevel"/>), an expectation changed (<see cref="WithExpectation"/>),
/// delivery at a touchpoint improved by a fraction (<see cref="WithDeliveryImproved"/>). Each method returns a new
/// scenario; <see cref="None"/> changes nothing.
/// </summary>
/// <remarks>
/// Delivery improved by a fraction f moves each delivered value toward the better end: lower-is-better values are
/// multiplied by 1 − f, higher-is-better ones by 1 + f (ratings and ratios capped at the top of their scale),
/// nearer-to-target ones are brought f of the way to the target. Deadline and yes/no outcomes are left as delivered, and
/// so is any value the measure would not admit. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class WhatIfScenario
{
    private WhatIfScenario(string name, ImmutableSortedDictionary<string, double> promiseLevels, ImmutableArray<Expectation> expectations, ImmutableSortedDictionary<string, double> delivery, string? description = null)
    {
        Name = name;
        Description = description;
        PromiseLevels = promiseLevels;
        Expectations = expectations;
        DeliveryImprovements = delivery;
    }

    /// <summary>Gets the scenario that changes nothing: its analysis equals the baseline exactly.</summary>
    public static WhatIfScenario None { get; } = new("baseline", ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal), [], ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal));

    /// <summary>Gets the scenario's name, for reports.</summary>
    public string Name { get; }

    /// <summary>Gets what the scenario asks, in words, for reports.</summary>
    /// <value>The description, or <see langword="null"/> when none was given.</value>
    public string? Description { get; }

    /// <summary>Gets the new level of each promise moved, by promise identifier, in the measure's unit (seconds for durations).</summary>
    public ImmutableSortedDictionary<string, double> PromiseLevels { get; }

    /// <summary>Gets the expectations set: each replaces the model's expectation of the same measure and scope, or is added.</summary>
    public ImmutableArray<Expectation> Expectations { get; }

    /// <summary>Gets the fraction by which delivery improves, by touchpoint identifier.</summary>
    public ImmutableSortedDictionary<string, double> DeliveryImprovements { get; }

    /// <summary>Returns this scenario under another name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The renamed scenario.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty.</exception>
    public WhatIfScenario Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new WhatIfScenario(name, PromiseLevels, Expectations, DeliveryImprovements, Description);
    }

    /// <summary>Returns this scenario with a description, such as "What if we promised two days instead of five working days?".</summary>
    /// <param name="description">The description; <see langword="null"/> or blank for none.</param>
    /// <returns>The described scenario.</returns>
    public WhatIfScenario Described(string? description)
        => new(Name, PromiseLevels, Expectations, DeliveryImprovements, string.IsNullOrWhiteSpace(description) ? null : description);

    /// <summary>
    /// Returns a scenario that also moves a promise to another level. On a duration measure the level replaces a
    /// working-time rule the promise may have ("by 17:00 on the 5th working day" becomes "within 48 hours"); a promise on
    /// a deadline measure has no level to move.
    /// </summary>
    /// <param name="promiseId">The promise.</param>
    /// <param name="level">The new level, in the measure's unit (seconds for durations).</param>
    /// <returns>The new scenario.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="promiseId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="level"/> is not finite.</exception>
    public WhatIfScenario WithPromiseLevel(string promiseId, double level)
    {
        ArgumentNullException.ThrowIfNull(promiseId);
        if (!double.IsFinite(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The promised level must be a finite number.");
        }

        return new WhatIfScenario(Name, PromiseLevels.SetItem(promiseId, level), Expectations, DeliveryImprovements, Description);
    }

    /// <summary>Returns a scenario that also sets an expectation (replacing the model's one of the same measure and scope).</summary>
    /// <param name="expectation">The expectation.</param>
    /// <returns>The new scenario.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="expectation"/> is <see langword="null"/>.</exception>
    public WhatIfScenario WithExpectation(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        var kept = Expectations.RemoveAll(e => e.MeasureId == expectation.MeasureId && e.Scope.Equals(expectation.Scope));
        return new WhatIfScenario(Name, PromiseLevels, kept.Add(expectation), DeliveryImprovements, Description);
    }

    /// <summary>Returns a scenario that also improves delivery at a touchpoint by a fraction.</summary>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="fraction">The improvement, in (0, 1]: 0.2 for 20 %.</param>
    /// <returns>The new scenario.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpointId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="fraction"/> is outside (0, 1].</exception>
    public WhatIfScenario WithDeliveryImproved(string touchpointId, double fraction)
    {
        ArgumentNullException.ThrowIfNull(touchpointId);
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The improvement must be a fraction in (0, 1].");
        }

        return new WhatIfScenario(Name, PromiseLevels, Expectations, DeliveryImprovements.SetItem(touchpointId, fraction), Description);
    }

    /// <summary>Applies the model changes: the same touchpoints, measures and segments in the same order (so rows of the baseline's plan fit the new plan), promises and expectations changed.</summary>
    /// <param name="model">The baseline model.</param>
    /// <returns>The scenario's model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the scenario names a promise or touchpoint the model does not define, or moves the level of a promise on a deadline measure.</exception>
    /// <exception cref="ScoringModelException">Thrown when the changed model is inconsistent (for example an expectation whose zone is invalid).</exception>
    public ScoringModel Apply(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (promiseId, _) in PromiseLevels)
        {
            var promise = model.Promises.FirstOrDefault(p => p.Id == promiseId)
                ?? throw new ArgumentException($"Scenario '{Name}' moves promise '{promiseId}', which the model does not define; {Nearest(promiseId, model.Promises.Select(p => p.Id), "promises")}", nameof(model));
            if ((promise.Deadline is not null || promise.Within is not null)
                && (!model.TryGetMeasure(promise.MeasureId, out var measure) || measure.Kind == MeasureKind.Deadline))
            {
                throw new ArgumentException($"Scenario '{Name}' moves the level of promise '{promiseId}', a deadline rule on a deadline measure, which has no level to move.", nameof(model));
            }
        }

        foreach (var (touchpointId, _) in DeliveryImprovements)
        {
            if (!model.TryGetTouchpoint(touchpointId, out _))
            {
                throw new ArgumentException($"Scenario '{Name}' improves delivery at touchpoint '{touchpointId}', which the model does not define; {Nearest(touchpointId, model.Touchpoints.Select(t => t.Id), "touchpoints")}", nameof(model));
            }
        }

        if (PromiseLevels.IsEmpty && Expectations.IsEmpty)
        {
            return model;
        }

        var builder = new ScoringModelBuilder(model.Name).UseFeltValue(model.FeltValue);
        foreach (var measure in model.Measures)
        {
            builder.AddMeasure(measure);
        }

        foreach (var segment in model.Segments)
        {
            builder.AddSegment(segment);
        }

        foreach (var touchpoint in model.Touchpoints)
        {
            builder.AddTouchpoint(touchpoint);
        }

        foreach (var p in model.Promises)
        {
            builder.AddPromise(PromiseLevels.TryGetValue(p.Id, out var level)
                ? new Promise(p.Id, p.MeasureId, level, p.Source, p.Validity, p.Scope, null, p.Description, p.Owner)
                : p);
        }

        var replaced = new HashSet<Expectation>();
        foreach (var e in model.Expectations)
        {
            var change = Expectations.FirstOrDefault(x => x.MeasureId == e.MeasureId && x.Scope.Equals(e.Scope));
            builder.AddExpectation(change ?? e);
            if (change is not null)
            {
                replaced.Add(change);
            }
        }

        foreach (var e in Expectations)
        {
            if (!replaced.Contains(e))
            {
                builder.AddExpectation(e);
            }
        }

        return builder.Build();
    }

    /// <summary>"did you mean 'x'? Known promises: …." or "known promises: …." for an id the model does not define, as the model and prices files word it.</summary>
    private static string Nearest(string id, IEnumerable<string> ids, string plural)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var known in ids)
        {
            declared.TryAdd(known, known);
        }

        return new ModelFiles.IdSuggestions().Suggest(id, declared) is { } near
            ? $"did you mean '{near}'? Known {plural}: {ModelFiles.IdSuggestions.Listing(declared)}."
            : $"known {plural}: {ModelFiles.IdSuggestions.Listing(declared)}.";
    }

    /// <summary>Improves delivered values of rows at the scenario's touchpoints; returns <see langword="false"/> (and no copy) when the scenario improves nothing.</summary>
    internal bool TryImprove(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, out OutcomeRow[] improved)
    {
        improved = [];
        if (DeliveryImprovements.IsEmpty)
        {
            return false;
        }

        var fraction = new double[plan.TouchpointCount];
        foreach (var (touchpointId, f) in DeliveryImprovements)
        {
            fraction[plan.TouchpointIndex(touchpointId)] = f;
        }

        improved = rows.ToArray();
        for (var i = 0; i < improved.Length; i++)
        {
            ref var row = ref improved[i];
            if ((uint)row.TouchpointIndex < (uint)fraction.Length && fraction[row.TouchpointIndex] > 0 && (uint)row.MeasureIndex < (uint)plan.MeasureCount)
            {
                var measure = plan.Model.Measures[row.MeasureIndex];
                var value = Improve(measure, row.Value, fraction[row.TouchpointIndex]);
                if (value != row.Value && measure.Admits(value))
                {
                    row = row.WithValue(value);
                }
            }
        }

        return true;
    }

    private static double Improve(Measure measure, double value, double f)
    {
        if (measure.Kind is MeasureKind.Deadline or MeasureKind.YesNo)
        {
            return value;
        }

        if (measure.Polarity == Polarity.NearerToTargetIsBetter && measure.Target is { } target)
        {
            return target + ((value - target) * (1 - f));
        }

        if (measure.Polarity == Polarity.LowerIsBetter)
        {
            return value * (1 - f);
        }

        var better = value * (1 + f);
        return measure.Kind switch
        {
            MeasureKind.Rating => Math.Min(better, measure.RatingPoints),
            MeasureKind.Ratio => Math.Min(better, 1),
            _ => better,
        };
    }
}
