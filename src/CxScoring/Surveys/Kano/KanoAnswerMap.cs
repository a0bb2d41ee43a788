using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CxScoring.Surveys.Kano;

/// <summary>Maps raw survey answers — text labels or numeric codes — to <see cref="KanoAnswer"/> values.</summary>
/// <remarks>
/// <see cref="Default"/> maps the codes 1–5 and the usual English labels: "like", "must-be", "must be",
/// "neutral", "live-with", "live with", "dislike", the long forms of Berger et al. (1993) ("I like it that way",
/// "It must be that way", "I am neutral", "I can live with it that way", "I dislike it that way") and the common
/// variants ("I like it", "I expect it", "It must be", "I am indifferent", "I don't care", "I can tolerate it",
/// "I can live with it", "I dislike it", …). Labels are matched case-insensitively after trimming, with runs of
/// white space counted as one space and a typographic apostrophe (’) as a plain one.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class KanoAnswerMap
{
    private readonly FrozenDictionary<string, KanoAnswer> _labels;
    private readonly FrozenDictionary<int, KanoAnswer> _codes;

    private KanoAnswerMap(FrozenDictionary<string, KanoAnswer> labels, FrozenDictionary<int, KanoAnswer> codes)
    {
        _labels = labels;
        _codes = codes;
    }

    /// <summary>Gets the default map: codes 1–5 and the usual English labels.</summary>
    /// <value>A shared instance.</value>
    public static KanoAnswerMap Default { get; } = Create(
        new Dictionary<string, KanoAnswer>
        {
            ["like"] = KanoAnswer.Like,
            ["like it"] = KanoAnswer.Like,
            ["I like it"] = KanoAnswer.Like,
            ["I like it that way"] = KanoAnswer.Like,
            ["I would like it"] = KanoAnswer.Like,
            ["must-be"] = KanoAnswer.MustBe,
            ["must be"] = KanoAnswer.MustBe,
            ["It must be"] = KanoAnswer.MustBe,
            ["It must be that way"] = KanoAnswer.MustBe,
            ["expect"] = KanoAnswer.MustBe,
            ["expect it"] = KanoAnswer.MustBe,
            ["I expect it"] = KanoAnswer.MustBe,
            ["I expect it that way"] = KanoAnswer.MustBe,
            ["neutral"] = KanoAnswer.Neutral,
            ["I am neutral"] = KanoAnswer.Neutral,
            ["I'm neutral"] = KanoAnswer.Neutral,
            ["I am indifferent"] = KanoAnswer.Neutral,
            ["I'm indifferent"] = KanoAnswer.Neutral,
            ["I don't care"] = KanoAnswer.Neutral,
            ["I do not care"] = KanoAnswer.Neutral,
            ["live-with"] = KanoAnswer.LiveWith,
            ["live with"] = KanoAnswer.LiveWith,
            ["live with it"] = KanoAnswer.LiveWith,
            ["I can live with it"] = KanoAnswer.LiveWith,
            ["I can live with it that way"] = KanoAnswer.LiveWith,
            ["tolerate"] = KanoAnswer.LiveWith,
            ["tolerate it"] = KanoAnswer.LiveWith,
            ["I can tolerate it"] = KanoAnswer.LiveWith,
            ["I can tolerate it that way"] = KanoAnswer.LiveWith,
            ["dislike"] = KanoAnswer.Dislike,
            ["dislike it"] = KanoAnswer.Dislike,
            ["I dislike it"] = KanoAnswer.Dislike,
            ["I dislike it that way"] = KanoAnswer.Dislike,
            ["I would dislike it"] = KanoAnswer.Dislike,
        },
        new Dictionary<int, KanoAnswer>
        {
            [1] = KanoAnswer.Like,
            [2] = KanoAnswer.MustBe,
            [3] = KanoAnswer.Neutral,
            [4] = KanoAnswer.LiveWith,
            [5] = KanoAnswer.Dislike,
        });

    /// <summary>Creates a map from labels and codes, for questionnaires in other languages or with other codings.</summary>
    /// <param name="labels">The text labels and the answers they stand for (matched case-insensitively after trimming, with runs of white space as one space and ’ as ').</param>
    /// <param name="codes">The numeric codes and the answers they stand for.</param>
    /// <returns>An immutable map.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="labels"/> or <paramref name="codes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a label is blank or two labels collide once normalised, a code is given twice, or an answer is not a defined <see cref="KanoAnswer"/>.</exception>
    public static KanoAnswerMap Create(IEnumerable<KeyValuePair<string, KanoAnswer>> labels, IEnumerable<KeyValuePair<int, KanoAnswer>> codes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(codes);
        var byLabel = new Dictionary<string, KanoAnswer>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, answer) in labels)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new ArgumentException("A label must not be blank.", nameof(labels));
            }

            if (!Enum.IsDefined(answer))
            {
                throw new ArgumentException($"Label '{label}' maps to {answer}, which is not a Kano answer.", nameof(labels));
            }

            var key = Normalize(label);
            if (!byLabel.TryAdd(key, answer))
            {
                throw new ArgumentException($"Label '{key}' is given twice.", nameof(labels));
            }
        }

        var byCode = new Dictionary<int, KanoAnswer>();
        foreach (var (code, answer) in codes)
        {
            if (!Enum.IsDefined(answer))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Code {code} maps to {answer}, which is not a Kano answer."), nameof(codes));
            }

            if (!byCode.TryAdd(code, answer))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Code {code} is given twice."), nameof(codes));
            }
        }

        return new KanoAnswerMap(byLabel.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), byCode.ToFrozenDictionary());
    }

    /// <summary>Maps a text label.</summary>
    /// <param name="label">The label as answered.</param>
    /// <returns>The answer it stands for.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="label"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the label is not in the map.</exception>
    public KanoAnswer Map(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return TryMap(label, out var answer)
            ? answer
            : throw new ArgumentException($"'{label}' is not a known Kano answer label.", nameof(label));
    }

    /// <summary>Maps a numeric code.</summary>
    /// <param name="code">The code as answered.</param>
    /// <returns>The answer it stands for.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when the code is not in the map.</exception>
    public KanoAnswer Map(int code)
        => TryMap(code, out var answer)
            ? answer
            : throw new ArgumentOutOfRangeException(nameof(code), code, "The code is not a known Kano answer code.");

    /// <summary>Tries to map a text label.</summary>
    /// <param name="label">The label as answered.</param>
    /// <param name="answer">The answer it stands for, when found.</param>
    /// <returns><see langword="true"/> when the label is in the map.</returns>
    public bool TryMap(string? label, out KanoAnswer answer)
    {
        answer = default;
        return label is not null && _labels.TryGetValue(Normalize(label), out answer);
    }

    /// <summary>Trims a label, turns every run of white space into one space and ’ into '.</summary>
    private static string Normalize(string label)
    {
        var trimmed = label.AsSpan().Trim();
        var builder = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c == '\u2019' ? '\'' : c);
        }

        return builder.ToString();
    }

    /// <summary>Tries to map a numeric code.</summary>
    /// <param name="code">The code as answered.</param>
    /// <param name="answer">The answer it stands for, when found.</param>
    /// <returns><see langword="true"/> when the code is in the map.</returns>
    public bool TryMap(int code, out KanoAnswer answer) => _codes.TryGetValue(code, out answer);
}
