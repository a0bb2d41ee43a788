namespace CxScoring.Benchmarks;

/// <summary>
/// The per-touchpoint scorecard figures in DuckDB SQL, the same in every benchmark that compares the engine with
/// DuckDB: scores from a table <c>cells</c> of resolved zones joined to a relation <c>outcomes</c>, felt value,
/// count, means, population variances, extremes, zone counts, promise-kept rate and p10/p50/p90.
/// </summary>
internal static class DuckDbScorecardSql
{
    /// <summary>
    /// The query after its first common table expression: <c>"WITH " + Query</c> over a table named
    /// <c>outcomes</c>, or <c>"WITH outcomes AS (…), " + Query</c> over a file.
    /// </summary>
    internal const string Query = """
        scored AS (
          SELECT o.touchpoint,
                 CASE WHEN c.sign * (o.value - c.adequate) * c.inverse_scale < 0 THEN greatest(c.sign * (o.value - c.adequate) * c.inverse_scale, -1)
                      WHEN c.sign * (o.value - c.desired) * c.inverse_scale > 0 THEN least(c.sign * (o.value - c.desired) * c.inverse_scale, 1)
                      ELSE 0 END AS score,
                 c.sign * (o.value - c.promised) >= 0 AS kept
          FROM outcomes o JOIN cells c ON o.touchpoint = c.touchpoint AND o.measure = c.measure),
        felt AS (
          SELECT touchpoint, score, kept, CASE WHEN score >= 0 THEN pow(score, 0.88) ELSE -2.25 * pow(-score, 0.88) END AS felt FROM scored)
        SELECT touchpoint, count(*), avg(score), var_pop(score), avg(felt), var_pop(felt), min(score), max(score),
               count(*) FILTER (WHERE score < 0), count(*) FILTER (WHERE score = 0), count(*) FILTER (WHERE score > 0),
               avg(CASE WHEN kept THEN 1.0 ELSE 0.0 END), approx_quantile(score, [0.1, 0.5, 0.9])
        FROM felt GROUP BY touchpoint
        """;
}
