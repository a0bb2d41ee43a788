using System.Globalization;

namespace CxScoring.ModelFiles;

/// <summary>
/// Suggests the declared id nearest to an unknown one, for "did you mean" in model file problems. One instance
/// serves one file and bounds its total work.
/// </summary>
internal sealed class IdSuggestions
{
    /// <summary>The most declared ids compared with unknown ones in one file, so that "did you mean" stays bounded work.</summary>
    internal const int MaxComparisons = 200_000;

    private const int MaxListed = 10;
    private const int MaxSuggestionDistance = 2;

    private readonly Dictionary<Dictionary<string, string>, SuggestionIndex> _indexes = new(ReferenceEqualityComparer.Instance);
    private int _budget = MaxComparisons;

    /// <summary>
    /// Names the declared id nearest to an unknown one (same id in another case, or at most two edits away). The work
    /// is bounded: only declared ids whose length is within the distance are compared, with a banded edit distance
    /// that allocates nothing; each distinct unknown id is looked up once; and one file compares at most
    /// <see cref="MaxComparisons"/> ids in all, after which no more suggestions are made.
    /// </summary>
    internal string? Suggest(string id, Dictionary<string, string> declared)
    {
        if (!_indexes.TryGetValue(declared, out var index) || index.DeclaredCount != declared.Count)
        {
            _indexes[declared] = index = new SuggestionIndex(declared);
        }

        if (index.Found.TryGetValue(id, out var cached))
        {
            return cached;
        }

        string? best = null;
        var bestDistance = MaxSuggestionDistance + 1;
        for (var length = id.Length - MaxSuggestionDistance; length <= id.Length + MaxSuggestionDistance && bestDistance > 0; length++)
        {
            if (!index.ByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (_budget <= 0)
                {
                    break;
                }

                _budget--;
                if (string.Equals(candidate, id, StringComparison.OrdinalIgnoreCase))
                {
                    (best, bestDistance) = (candidate, 0);
                    break;
                }

                var distance = EditDistance(id, candidate, bestDistance - 1);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }
        }

        index.Found[id] = best;
        return best;
    }

    /// <summary>The declared ids of one kind by length, and the suggestions made for unknown ids of that kind.</summary>
    private sealed class SuggestionIndex
    {
        internal SuggestionIndex(Dictionary<string, string> declared)
        {
            DeclaredCount = declared.Count;
            foreach (var id in declared.Keys)
            {
                if (!ByLength.TryGetValue(id.Length, out var list))
                {
                    ByLength.Add(id.Length, list = []);
                }

                list.Add(id);
            }
        }

        internal int DeclaredCount { get; }

        internal Dictionary<int, List<string>> ByLength { get; } = [];

        internal Dictionary<string, string?> Found { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Lists at most <see cref="MaxListed"/> declared ids, with the total when there are more.</summary>
    internal static string Listing(Dictionary<string, string> declared)
    {
        if (declared.Count == 0)
        {
            return "(none)";
        }

        var listed = string.Join(", ", declared.Keys.Take(MaxListed));
        return declared.Count <= MaxListed
            ? listed
            : string.Create(CultureInfo.InvariantCulture, $"{listed}, … ({declared.Count} in all)");
    }

    /// <summary>The Levenshtein distance of two strings, or <paramref name="limit"/> + 1 when it is larger than <paramref name="limit"/>.</summary>
    /// <remarks>Only the band of cells within <paramref name="limit"/> of the diagonal is computed, so the work is
    /// O(length · limit); rows of up to 256 cells live on the stack.</remarks>
    internal static int EditDistance(string a, string b, int limit)
    {
        var over = limit + 1;
        if (limit < 0 || Math.Abs(a.Length - b.Length) > limit)
        {
            return Math.Max(over, 0);
        }

        var width = b.Length + 1;
        Span<int> previous = width <= 256 ? stackalloc int[256] : new int[width];
        Span<int> current = width <= 256 ? stackalloc int[256] : new int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[from - 1] = from == 1 ? Math.Min(i, over) : over;
            if (to < b.Length)
            {
                // The cell right of the band is read by the next row as "previous[to + 1]": keep it out of reach.
                current[to + 1] = over;
            }

            var rowMinimum = current[from - 1];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.Min(value, over);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return over;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return Math.Min(previous[b.Length], over);
    }
}
