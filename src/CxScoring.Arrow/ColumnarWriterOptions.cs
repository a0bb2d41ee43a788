using CxScoring.Validation;

namespace CxScoring.Arrow;

/// <summary>How <see cref="ArrowOutcomeWriter"/> and the Parquet writer lay outcomes out in columns.</summary>
/// <remarks>The properties are init-only, so an instance is thread-safe to share.</remarks>
public sealed class ColumnarWriterOptions
{
    /// <summary>Gets the options used when none are given.</summary>
    public static ColumnarWriterOptions Default { get; } = new();

    /// <summary>Gets the number of outcomes per record batch (Arrow) or row group (Parquet); a reader scores one batch per thread at a time.</summary>
    /// <value>The default value is 65,536.</value>
    public int BatchRows { get; init; } = 65_536;

    /// <summary>Gets a value indicating whether <c>touchpoint</c>, <c>measure</c> and <c>segment</c> are written as <c>dictionary&lt;int32, utf8&gt;</c> columns (one dictionary per file, the identifiers in order of first appearance) rather than plain <c>utf8</c>. <c>customer</c> is always plain <c>utf8</c>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>Checks every property; called by the entry points before they read them.</summary>
    /// <param name="parameterName">The entry point's options parameter.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown (with <paramref name="parameterName"/>) when <see cref="BatchRows"/> is below 1.</exception>
    internal void Validate(string parameterName)
        => OptionsRules.InRange(BatchRows, 1, int.MaxValue, "ColumnarWriterOptions.BatchRows", parameterName);
}
