using System.Collections.Immutable;
using System.Globalization;

namespace CxScoring.Surveys.Servqual;

/// <summary>
/// Scores samples of <see cref="ServqualResponse"/> with a SERVQUAL-style instrument: item gaps P − E, dimension
/// scores as the mean of their item gaps, the unweighted score as the mean of the dimension scores, and weighted
/// scores from 100-point importance allocations (Zeithaml, Parasuraman &amp; Berry 1990); or SERVPERF
/// performance-only scores (Cronin &amp; Taylor 1992).
/// </summary>
/// <remarks>
/// Every answer is checked against the instrument's 1..k scale; a bad answer raises an
/// <see cref="ArgumentOutOfRangeException"/> naming the respondent and the item. <see cref="UnweightedScore"/> and
/// <see cref="WeightedScore"/> are the formulas on their own, for dimension scores computed elsewhere;
/// <see cref="Score(IReadOnlyList{ServqualDimensionMeans}, IReadOnlyList{double})"/> scores a paper's table of
/// dimension means. The class is
/// stateless and safe to use from any number of threads.
/// </remarks>
public static class ServqualScorer
{
    /// <summary>Computes the unweighted SERVQUAL score from dimension scores: their plain mean.</summary>
    /// <param name="dimensionScores">The dimension scores (gaps, or perceptions for SERVPERF).</param>
    /// <returns>The mean of <paramref name="dimensionScores"/>.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="dimensionScores"/> is empty or holds a non-finite value.</exception>
    public static double UnweightedScore(ReadOnlySpan<double> dimensionScores)
    {
        if (dimensionScores.IsEmpty)
        {
            SurveyThrow.Argument(nameof(dimensionScores), "At least one dimension score is required.");
        }

        var sum = 0.0;
        for (var i = 0; i < dimensionScores.Length; i++)
        {
            if (!double.IsFinite(dimensionScores[i]))
            {
                SurveyThrow.Argument(nameof(dimensionScores), string.Create(CultureInfo.InvariantCulture, $"Dimension score {i} is not a finite number ({dimensionScores[i]})."));
            }

            sum += dimensionScores[i];
        }

        return sum / dimensionScores.Length;
    }

    /// <summary>Computes a weighted SERVQUAL score: Σ (pointsᵢ / Σ points)·scoreᵢ, normalising the raw importance points.</summary>
    /// <param name="dimensionScores">The dimension scores.</param>
    /// <param name="importancePoints">The importance points per dimension (normally a 100-point allocation); any positive total is normalised.</param>
    /// <returns>The weighted score.</returns>
    /// <exception cref="ArgumentException">Thrown when the spans differ in length, are empty, or hold a non-finite score, a negative or non-finite point value, or points that sum to zero.</exception>
    public static double WeightedScore(ReadOnlySpan<double> dimensionScores, ReadOnlySpan<double> importancePoints)
    {
        UnweightedScore(dimensionScores);
        if (importancePoints.Length != dimensionScores.Length)
        {
            SurveyThrow.Argument(nameof(importancePoints), string.Create(CultureInfo.InvariantCulture, $"Expected {dimensionScores.Length} importance values, one per dimension, but got {importancePoints.Length}."));
        }

        var total = PointsTotal(importancePoints, nameof(importancePoints), -1);
        var weighted = 0.0;
        for (var i = 0; i < dimensionScores.Length; i++)
        {
            weighted += importancePoints[i] / total * dimensionScores[i];
        }

        return weighted;
    }

    /// <summary>Scores a sample: SERVQUAL gap scores (P − E) or, with <see cref="ServqualScoringOptions.Method"/> set to <see cref="ServqualMethod.Servperf"/>, SERVPERF performance-only scores (P).</summary>
    /// <param name="instrument">The instrument the responses answer.</param>
    /// <param name="responses">The responses; each must carry perceptions for every item, and expectations too for SERVQUAL (for SERVPERF they are ignored if present).</param>
    /// <param name="options">The scoring options; <see langword="null"/> for the defaults (SERVQUAL gaps, no reverse scoring, listwise deletion).</param>
    /// <returns>The dimension scores, unweighted and weighted scores and per-respondent scores.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> or <paramref name="responses"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an answer is outside the 1..k scale (the message names respondent and item).</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="options"/> is invalid, the sample is empty, a response is <see langword="null"/>, lacks expectations for SERVQUAL, has the wrong number of items or a bad importance allocation, or no usable answer is left for a dimension.</exception>
    public static ServqualResult Score(ServqualInstrument instrument, IReadOnlyList<ServqualResponse> responses, ServqualScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        options ??= ServqualScoringOptions.Default;
        options.Validate(nameof(options));
        return ScoreCore(instrument, responses, options);
    }

    /// <summary>Scores published summary means without importance weights: dimension gaps P − E and the unweighted score, the mean of the gaps.</summary>
    /// <param name="dimensions">The dimensions' mean expectation and perception.</param>
    /// <returns>
    /// A SERVQUAL result as described for <see cref="Score(IReadOnlyList{ServqualDimensionMeans}, IReadOnlyList{double})"/>, with no
    /// weighted score.
    /// </returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dimensions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="dimensions"/> is empty or holds <see langword="null"/>.</exception>
    public static ServqualResult Score(IReadOnlyList<ServqualDimensionMeans> dimensions) => Score(dimensions, null);

    /// <summary>
    /// Scores published summary means — the mean expectation and perception of each dimension, as a paper's table
    /// gives them — when the raw answers are not available: dimension gaps P − E, the unweighted score (the mean
    /// of the dimension gaps) and, when importance points are given, the weighted score Σ (pointsᵢ / Σ points)·gapᵢ.
    /// </summary>
    /// <param name="dimensions">The dimensions' mean expectation and perception, in the order of <paramref name="importancePoints"/>.</param>
    /// <param name="importancePoints">Optional importance points per dimension (normally a 100-point allocation, mean over the sample); any positive total is normalised. <see langword="null"/> for no weighted score.</param>
    /// <returns>
    /// A SERVQUAL result whose <see cref="ServqualResult.Dimensions"/> hold the given means and their gaps (with a
    /// respondent count of 0, since a summary does not carry one), whose <see cref="ServqualResult.UnweightedScore"/>
    /// is the mean of the gaps and whose <see cref="ServqualResult.WeightedScoreSampleMean"/> is the weighted score.
    /// The per-respondent weighted mode needs raw answers: <see cref="ServqualResult.WeightedScoreRespondentMean"/> is
    /// <see langword="null"/> and <see cref="ServqualResult.Respondents"/> is empty.
    /// </returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dimensions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="dimensions"/> is empty or holds <see langword="null"/>, or <paramref name="importancePoints"/> does not give one finite, non-negative value per dimension with a positive total.</exception>
    public static ServqualResult Score(IReadOnlyList<ServqualDimensionMeans> dimensions, IReadOnlyList<double>? importancePoints)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count == 0)
        {
            SurveyThrow.Argument(nameof(dimensions), "At least one dimension is required.");
        }

        var gaps = new double[dimensions.Count];
        var scores = ImmutableArray.CreateBuilder<ServqualDimensionScore>(dimensions.Count);
        for (var d = 0; d < dimensions.Count; d++)
        {
            var means = dimensions[d];
            if (means is null)
            {
                SurveyThrow.Argument(nameof(dimensions), string.Create(CultureInfo.InvariantCulture, $"Dimension {d} is null."));
            }

            gaps[d] = means.Gap;
            scores.Add(new ServqualDimensionScore(means.Name, means.MeanExpectation, means.MeanPerception, gaps[d], 0));
        }

        var weights = ImmutableArray<double>.Empty;
        double? weighted = null;
        if (importancePoints is not null)
        {
            if (importancePoints.Count != dimensions.Count)
            {
                SurveyThrow.Argument(nameof(importancePoints), string.Create(CultureInfo.InvariantCulture, $"Expected {dimensions.Count} importance values, one per dimension, but got {importancePoints.Count}."));
            }

            var points = new double[importancePoints.Count];
            for (var d = 0; d < points.Length; d++)
            {
                points[d] = importancePoints[d];
            }

            var total = PointsTotal(points, nameof(importancePoints), -1);
            var builder = ImmutableArray.CreateBuilder<double>(points.Length);
            for (var d = 0; d < points.Length; d++)
            {
                builder.Add(points[d] / total);
            }

            weights = builder.MoveToImmutable();
            weighted = WeightedScore(gaps, points);
        }

        return new ServqualResult(ServqualMethod.Servqual, scores.MoveToImmutable(), UnweightedScore(gaps), null, weighted, weights, [], 0);
    }

    private static ServqualResult ScoreCore(ServqualInstrument instrument, IReadOnlyList<ServqualResponse> responses, ServqualScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            SurveyThrow.EmptySample(nameof(responses));
        }

        var method = options.Method;
        var gap = method == ServqualMethod.Servqual;
        var dims = instrument.Dimensions;
        var dimCount = dims.Length;
        var sumE = new double[dimCount];
        var sumP = new double[dimCount];
        var sumScore = new double[dimCount];
        var counts = new int[dimCount];
        var sumWeights = new double[dimCount];
        var weightCount = 0;
        var weightedSum = 0.0;
        var weightedCount = 0;
        var excluded = 0;
        var respondents = ImmutableArray.CreateBuilder<ServqualRespondentScore>(responses.Count);

        var itemE = new double[dimCount];
        var itemP = new double[dimCount];
        var itemN = new int[dimCount];
        var weights = new double[dimCount];

        for (var r = 0; r < responses.Count; r++)
        {
            var response = responses[r];
            if (response is null)
            {
                SurveyThrow.Argument(nameof(responses), string.Create(CultureInfo.InvariantCulture, $"Respondent {r} is null."));
            }

            Validate(instrument, response, r, gap);
            var complete = true;
            Array.Clear(itemE);
            Array.Clear(itemP);
            Array.Clear(itemN);
            for (var i = 0; i < instrument.ItemCount; i++)
            {
                var p = response.Perceptions[i];
                var e = gap ? response.Expectations[i] : 0;
                if (p is null || e is null)
                {
                    complete = false;
                    continue;
                }

                var d = instrument.DimensionOfItem(i);
                itemP[d] += Adjust(instrument, options, i, p.Value);
                itemE[d] += gap ? Adjust(instrument, options, i, e.Value) : 0;
                itemN[d]++;
            }

            if (!complete && options.MissingAnswers == MissingAnswerPolicy.Listwise)
            {
                excluded++;
                continue;
            }

            var hasWeights = response.HasImportance;
            if (hasWeights)
            {
                var total = PointsTotal(response.ImportancePoints.AsSpan(), nameof(responses), r);
                for (var d = 0; d < dimCount; d++)
                {
                    weights[d] = response.ImportancePoints[d] / total;
                    sumWeights[d] += weights[d];
                }

                weightCount++;
            }

            var scores = ImmutableArray.CreateBuilder<double?>(dimCount);
            var allDefined = true;
            var unweighted = 0.0;
            var weighted = 0.0;
            for (var d = 0; d < dimCount; d++)
            {
                if (itemN[d] == 0)
                {
                    scores.Add(null);
                    allDefined = false;
                    continue;
                }

                var meanP = itemP[d] / itemN[d];
                var meanE = itemE[d] / itemN[d];
                var score = gap ? meanP - meanE : meanP;
                scores.Add(score);
                sumP[d] += meanP;
                sumE[d] += meanE;
                sumScore[d] += score;
                counts[d]++;
                unweighted += score;
                weighted += weights[d] * score;
            }

            double? respondentWeighted = null;
            if (allDefined && hasWeights)
            {
                respondentWeighted = weighted;
                weightedSum += weighted;
                weightedCount++;
            }

            respondents.Add(new ServqualRespondentScore(r, scores.MoveToImmutable(), allDefined ? unweighted / dimCount : null, respondentWeighted));
        }

        var dimensionScores = ImmutableArray.CreateBuilder<ServqualDimensionScore>(dimCount);
        var sampleScores = new double[dimCount];
        for (var d = 0; d < dimCount; d++)
        {
            if (counts[d] == 0)
            {
                SurveyThrow.Argument(nameof(responses), excluded == responses.Count
                    ? string.Create(CultureInfo.InvariantCulture, $"All {excluded} respondents have missing answers and were excluded by listwise deletion; no score can be computed.")
                    : $"No respondent answered any usable item of dimension '{dims[d].Name}'; its score is undefined.");
            }

            sampleScores[d] = sumScore[d] / counts[d];
            dimensionScores.Add(new ServqualDimensionScore(dims[d].Name, gap ? sumE[d] / counts[d] : null, sumP[d] / counts[d], sampleScores[d], counts[d]));
        }

        var meanWeights = ImmutableArray<double>.Empty;
        double? sampleWeighted = null;
        if (weightCount > 0)
        {
            var builder = ImmutableArray.CreateBuilder<double>(dimCount);
            var sw = 0.0;
            for (var d = 0; d < dimCount; d++)
            {
                var w = sumWeights[d] / weightCount;
                builder.Add(w);
                sw += w * sampleScores[d];
            }

            meanWeights = builder.MoveToImmutable();
            sampleWeighted = sw;
        }

        return new ServqualResult(
            method,
            dimensionScores.MoveToImmutable(),
            UnweightedScore(sampleScores),
            weightedCount > 0 ? weightedSum / weightedCount : null,
            sampleWeighted,
            meanWeights,
            respondents.ToImmutable(),
            excluded);
    }

    private static double Adjust(ServqualInstrument instrument, ServqualScoringOptions options, int itemIndex, int answer)
        => options.ReverseNegativelyWordedItems && instrument.IsNegativelyWordedIndex(itemIndex) ? instrument.ScalePoints + 1 - answer : answer;

    private static void Validate(ServqualInstrument instrument, ServqualResponse response, int r, bool gap)
    {
        var n = instrument.ItemCount;
        var k = instrument.ScalePoints;
        if (response.Perceptions.Length != n)
        {
            SurveyThrow.Argument("responses", string.Create(CultureInfo.InvariantCulture, $"Respondent {r} has {response.Perceptions.Length} perception answers; the instrument has {n} items."));
        }

        if (gap)
        {
            if (!response.HasExpectations)
            {
                SurveyThrow.Argument("responses", string.Create(CultureInfo.InvariantCulture, $"Respondent {r} has no expectation answers; SERVQUAL gap scores need them (set ServqualScoringOptions.Method to Servperf for SERVPERF)."));
            }

            if (response.Expectations.Length != n)
            {
                SurveyThrow.Argument("responses", string.Create(CultureInfo.InvariantCulture, $"Respondent {r} has {response.Expectations.Length} expectation answers; the instrument has {n} items."));
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (response.Perceptions[i] is int p && (p < 1 || p > k))
            {
                SurveyThrow.AnswerOutOfRange("responses", r, string.Create(CultureInfo.InvariantCulture, $"item {i + 1} perception"), p, 1, k);
            }

            if (gap && response.Expectations[i] is int e && (e < 1 || e > k))
            {
                SurveyThrow.AnswerOutOfRange("responses", r, string.Create(CultureInfo.InvariantCulture, $"item {i + 1} expectation"), e, 1, k);
            }
        }

        if (response.HasImportance && response.ImportancePoints.Length != instrument.Dimensions.Length)
        {
            SurveyThrow.Argument("responses", string.Create(CultureInfo.InvariantCulture, $"Respondent {r} allocated importance to {response.ImportancePoints.Length} dimensions; the instrument has {instrument.Dimensions.Length}."));
        }
    }

    private static double PointsTotal(ReadOnlySpan<double> points, string paramName, int respondent)
    {
        var where = respondent < 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}: ");
        var total = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            if (!(points[i] >= 0 && double.IsFinite(points[i])))
            {
                SurveyThrow.Argument(paramName, string.Create(CultureInfo.InvariantCulture, $"{where}importance points for dimension {i} must be a finite, non-negative number, not {points[i]}."));
            }

            total += points[i];
        }

        if (total <= 0)
        {
            SurveyThrow.Argument(paramName, $"{where}importance points sum to zero; at least one dimension needs a positive allocation.");
        }

        return total;
    }
}
