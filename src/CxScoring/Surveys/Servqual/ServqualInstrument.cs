using System.Collections.Immutable;

namespace CxScoring.Surveys.Servqual;

/// <summary>
/// A SERVQUAL-style instrument: its items, their grouping into dimensions, the answer scale (1..k) and the
/// negatively worded items that may be reverse-scored.
/// </summary>
/// <remarks>
/// <see cref="Standard"/> gives the 22-item instrument of Parasuraman, Zeithaml &amp; Berry (1988, 1991):
/// Tangibles 1–4, Reliability 5–9, Responsiveness 10–13, Assurance 14–17, Empathy 18–22, with the 1988
/// negatively worded items 10–13 and 18–22. Use <see cref="ServqualInstrumentBuilder"/> for custom instruments.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ServqualInstrument
{
    private readonly int[] _dimensionOfItem;
    private readonly bool[] _negativelyWorded;

    internal ServqualInstrument(int scalePoints, ImmutableArray<ServqualDimension> dimensions, ImmutableArray<int> negativelyWordedItems)
    {
        ScalePoints = scalePoints;
        Dimensions = dimensions;
        NegativelyWordedItems = negativelyWordedItems;
        var itemCount = 0;
        foreach (var dimension in dimensions)
        {
            itemCount += dimension.Items.Length;
        }

        ItemCount = itemCount;
        _dimensionOfItem = new int[itemCount];
        _negativelyWorded = new bool[itemCount];
        for (var d = 0; d < dimensions.Length; d++)
        {
            foreach (var item in dimensions[d].Items)
            {
                _dimensionOfItem[item - 1] = d;
            }
        }

        foreach (var item in negativelyWordedItems)
        {
            _negativelyWorded[item - 1] = true;
        }
    }

    /// <summary>Gets the number of scale points k; answers run from 1 to k.</summary>
    /// <value>7 for the original instrument unless another scale was chosen.</value>
    public int ScalePoints { get; }

    /// <summary>Gets the number of items.</summary>
    /// <value>22 for <see cref="Standard"/>.</value>
    public int ItemCount { get; }

    /// <summary>Gets the dimensions, in the order their scores are reported.</summary>
    /// <value>At least one dimension; every item belongs to exactly one.</value>
    public ImmutableArray<ServqualDimension> Dimensions { get; }

    /// <summary>Gets the 1-based numbers of the negatively worded items, reverse-scored on request.</summary>
    /// <value>Items 10–13 and 18–22 for <see cref="Standard"/>; possibly empty for custom instruments.</value>
    public ImmutableArray<int> NegativelyWordedItems { get; }

    /// <summary>Creates the standard 22-item SERVQUAL instrument.</summary>
    /// <param name="scalePoints">The number of scale points k; 7 as published, 5 in many studies.</param>
    /// <returns>The standard instrument on a 1..<paramref name="scalePoints"/> scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scalePoints"/> is outside 2–11.</exception>
    public static ServqualInstrument Standard(int scalePoints = 7)
        => new ServqualInstrumentBuilder(scalePoints)
            .AddDimension("Tangibles", 1, 2, 3, 4)
            .AddDimension("Reliability", 5, 6, 7, 8, 9)
            .AddDimension("Responsiveness", 10, 11, 12, 13)
            .AddDimension("Assurance", 14, 15, 16, 17)
            .AddDimension("Empathy", 18, 19, 20, 21, 22)
            .AddNegativelyWordedItems(10, 11, 12, 13, 18, 19, 20, 21, 22)
            .Build();

    /// <summary>Reverse-scores an answer on this instrument's scale: x' = (k + 1) − x. Applying it twice gives x back.</summary>
    /// <param name="answer">An answer in 1..k.</param>
    /// <returns>The reverse-scored answer, also in 1..k.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="answer"/> is outside 1..k.</exception>
    public int ReverseScore(int answer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(answer, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(answer, ScalePoints);
        return ScalePoints + 1 - answer;
    }

    /// <summary>Determines whether an item is negatively worded.</summary>
    /// <param name="item">The 1-based item number.</param>
    /// <returns><see langword="true"/> when the item is listed in <see cref="NegativelyWordedItems"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="item"/> is outside 1..<see cref="ItemCount"/>.</exception>
    public bool IsNegativelyWorded(int item)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(item, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(item, ItemCount);
        return _negativelyWorded[item - 1];
    }

    internal int DimensionOfItem(int itemIndex) => _dimensionOfItem[itemIndex];

    internal bool IsNegativelyWordedIndex(int itemIndex) => _negativelyWorded[itemIndex];
}
