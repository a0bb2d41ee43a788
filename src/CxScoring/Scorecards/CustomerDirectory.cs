using System.Diagnostics.CodeAnalysis;

namespace CxScoring.Scorecards;

/// <summary>
/// Numbers customer identifiers for per-customer scorecards: each identifier gets a key the first time it is seen
/// (0, 1, 2, …). Share one directory between the scorecards you mean to merge, so that keys agree.
/// </summary>
/// <remarks>This type is thread-safe: any number of threads may number and look up customers at once.</remarks>
public sealed class CustomerDirectory
{
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the number of customers numbered so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>Gets the key of a customer, numbering it when it is new.</summary>
    /// <param name="customerId">The customer identifier.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="customerId"/> is <see langword="null"/>.</exception>
    public long KeyOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        lock (_lock)
        {
            if (!_keys.TryGetValue(customerId, out var key))
            {
                key = _ids.Count;
                _keys.Add(customerId, key);
                _ids.Add(customerId);
            }

            return key;
        }
    }

    /// <summary>Finds the identifier of a customer key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="customerId">The identifier, when the key was given out.</param>
    /// <returns><see langword="true"/> when the key was given out by this directory.</returns>
    public bool TryGetId(long key, [NotNullWhen(true)] out string? customerId)
    {
        lock (_lock)
        {
            customerId = key >= 0 && key < _ids.Count ? _ids[(int)key] : null;
            return customerId is not null;
        }
    }
}
