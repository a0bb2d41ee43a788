using System.Collections.Immutable;

namespace CxScoring.Surveys.Servqual;

/// <summary>
/// One respondent's answers to a SERVQUAL-style instrument: expectation and perception ratings per item
/// (<see langword="null"/> for an unanswered item) and, optionally, a 100-point importance allocation over the
/// dimensions.
/// </summary>
/// <remarks>
/// Answers are checked against an instrument when scored, where errors name the respondent and the item.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ServqualResponse
{
    /// <summary>Initializes a new instance of the <see cref="ServqualResponse"/> class.</summary>
    /// <param name="expectations">The expectation ratings, item 1 first; <see langword="null"/> for a SERVPERF (performance-only) response.</param>
    /// <param name="perceptions">The perception ratings, item 1 first.</param>
    /// <param name="importancePoints">The points allocated to each dimension (in the instrument's dimension order), normally summing to 100; raw points are normalised when scored. <see langword="null"/> when not asked.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="perceptions"/> is <see langword="null"/>.</exception>
    public ServqualResponse(IEnumerable<int?>? expectations, IEnumerable<int?> perceptions, IEnumerable<double>? importancePoints = null)
    {
        ArgumentNullException.ThrowIfNull(perceptions);
        Expectations = expectations is null ? default : [.. expectations];
        Perceptions = [.. perceptions];
        ImportancePoints = importancePoints is null ? default : [.. importancePoints];
    }

    /// <summary>Gets the expectation ratings, item 1 first.</summary>
    /// <value>The ratings; the default (uninitialised) array for a performance-only response.</value>
    public ImmutableArray<int?> Expectations { get; }

    /// <summary>Gets the perception ratings, item 1 first.</summary>
    /// <value>The ratings, <see langword="null"/> where unanswered.</value>
    public ImmutableArray<int?> Perceptions { get; }

    /// <summary>Gets the raw importance points per dimension.</summary>
    /// <value>The points; the default (uninitialised) array when the respondent gave none.</value>
    public ImmutableArray<double> ImportancePoints { get; }

    /// <summary>Gets a value indicating whether the response carries expectation ratings.</summary>
    /// <value><see langword="false"/> for a performance-only (SERVPERF) response.</value>
    public bool HasExpectations => !Expectations.IsDefault;

    /// <summary>Gets a value indicating whether the response carries an importance allocation.</summary>
    /// <value><see langword="true"/> when importance points were given.</value>
    public bool HasImportance => !ImportancePoints.IsDefault;

    /// <summary>Creates a performance-only (SERVPERF) response.</summary>
    /// <param name="perceptions">The perception ratings, item 1 first.</param>
    /// <param name="importancePoints">The optional importance points per dimension.</param>
    /// <returns>A response without expectations.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="perceptions"/> is <see langword="null"/>.</exception>
    public static ServqualResponse PerformanceOnly(IEnumerable<int?> perceptions, IEnumerable<double>? importancePoints = null)
    {
        ArgumentNullException.ThrowIfNull(perceptions);
        return new ServqualResponse(null, perceptions, importancePoints);
    }
}
