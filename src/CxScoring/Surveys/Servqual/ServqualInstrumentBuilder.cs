using System.Collections.Immutable;
using System.Globalization;

namespace CxScoring.Surveys.Servqual;

/// <summary>
/// Builds a custom SERVQUAL-style instrument: its scale, its dimensions with their items and the negatively
/// worded items. Every call validates what it adds; <see cref="Build"/> checks that the items are numbered
/// 1..n without gaps and returns an immutable <see cref="ServqualInstrument"/>.
/// </summary>
/// <remarks>A builder is not thread-safe; the instrument it builds is.</remarks>
public sealed class ServqualInstrumentBuilder
{
    private readonly List<ServqualDimension> _dimensions = [];
    private readonly HashSet<int> _items = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<int> _negative = [];

    /// <summary>Initializes a new instance of the <see cref="ServqualInstrumentBuilder"/> class.</summary>
    /// <param name="scalePoints">The number of scale points k (answers 1..k); 7 as published, 5 in many studies.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scalePoints"/> is outside 2–11.</exception>
    public ServqualInstrumentBuilder(int scalePoints = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scalePoints, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scalePoints, 11);
        ScalePoints = scalePoints;
    }

    /// <summary>Gets the number of scale points k.</summary>
    /// <value>The value given to the constructor.</value>
    public int ScalePoints { get; }

    /// <summary>Adds a dimension and its items.</summary>
    /// <param name="name">The dimension's name, unique within the instrument (case-insensitive).</param>
    /// <param name="items">The 1-based item numbers; each item belongs to one dimension only.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="name"/> or <paramref name="items"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the name is blank or already used, no item is given, or an item is not positive or already assigned.</exception>
    public ServqualInstrumentBuilder AddDimension(string name, params int[] items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0)
        {
            throw new ArgumentException($"Dimension '{name}' needs at least one item.", nameof(items));
        }

        if (_names.Contains(name))
        {
            throw new ArgumentException($"A dimension named '{name}' was already added.", nameof(name));
        }

        var sorted = items.ToImmutableArray().Sort();
        for (var i = 0; i < sorted.Length; i++)
        {
            var item = sorted[i];
            if (item < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Dimension '{name}': item number {item} must be positive."), nameof(items));
            }

            if (_items.Contains(item) || (i > 0 && sorted[i - 1] == item))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Dimension '{name}': item {item} is already assigned to a dimension."), nameof(items));
            }
        }

        foreach (var item in sorted)
        {
            _items.Add(item);
        }

        _names.Add(name);
        _dimensions.Add(new ServqualDimension(name, sorted));
        return this;
    }

    /// <summary>Marks items as negatively worded, so that they can be reverse-scored.</summary>
    /// <param name="items">The 1-based item numbers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="items"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an item number is not positive.</exception>
    public ServqualInstrumentBuilder AddNegativelyWordedItems(params int[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            if (item < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Negatively worded item number {item} must be positive."), nameof(items));
            }
        }

        foreach (var item in items)
        {
            _negative.Add(item);
        }

        return this;
    }

    /// <summary>Builds the instrument.</summary>
    /// <returns>An immutable, thread-safe instrument.</returns>
    /// <exception cref="InstrumentDefinitionException">Thrown when no dimension was added, the items are not numbered 1..n without gaps, or a negatively worded item is not an item of the instrument.</exception>
    public ServqualInstrument Build()
    {
        if (_dimensions.Count == 0)
        {
            throw new InstrumentDefinitionException("An instrument needs at least one dimension.");
        }

        var n = _items.Count;
        for (var item = 1; item <= n; item++)
        {
            if (!_items.Contains(item))
            {
                throw new InstrumentDefinitionException(string.Create(CultureInfo.InvariantCulture, $"Items must be numbered 1..{n} without gaps; item {item} is missing."));
            }
        }

        foreach (var item in _negative)
        {
            if (item > n)
            {
                throw new InstrumentDefinitionException(string.Create(CultureInfo.InvariantCulture, $"Negatively worded item {item} is not one of the instrument's {n} items."));
            }
        }

        return new ServqualInstrument(ScalePoints, [.. _dimensions], [.. _negative]);
    }
}
