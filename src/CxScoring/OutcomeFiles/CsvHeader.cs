namespace CxScoring.OutcomeFiles;

/// <summary>
/// The header row of a CSV outcome file, checked the same way by every CSV path (<see cref="CsvOutcomeReader"/>,
/// <see cref="CsvOutcomeRecordParser"/> and the file scoring built on it), with the same messages.
/// </summary>
internal static class CsvHeader
{
    /// <summary>The columns every CSV outcome file needs.</summary>
    internal static readonly string[] Required = [OutcomeFields.Customer, OutcomeFields.Touchpoint, OutcomeFields.Measure, OutcomeFields.ObservedAt];

    /// <summary>Maps the header's fields to the format's field names.</summary>
    /// <param name="fields">The header's fields, unquoted.</param>
    /// <param name="header">The header row's text, to tell whether another delimiter separates it.</param>
    /// <param name="delimiter">The delimiter the fields were split by.</param>
    /// <param name="line">The header's 1-based line.</param>
    /// <returns>Per column, the field name it holds, or <see langword="null"/> for an unknown column.</returns>
    /// <exception cref="MalformedOutcomeException">Thrown when a column is named twice, a required column is missing,
    /// or there is no <c>value</c> column and neither <c>promisedBy</c> nor <c>requestedAt</c> (no record could be read).</exception>
    internal static string?[] Map(IReadOnlyList<string> fields, string header, char delimiter, long line)
    {
        var columns = new string?[fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = fields[i].Trim();
            if (i == 0)
            {
                name = name.TrimStart('\uFEFF');
            }

            foreach (var known in OutcomeFields.Names)
            {
                if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
                {
                    if (Array.IndexOf(columns, known) >= 0)
                    {
                        throw new MalformedOutcomeException(new MalformedRecord(line, known, $"the header names column '{known}' twice."));
                    }

                    columns[i] = known;
                }
            }
        }

        foreach (var name in Required)
        {
            if (Array.IndexOf(columns, name) < 0)
            {
                throw new MalformedOutcomeException(new MalformedRecord(
                    line,
                    name,
                    $"the header has no '{name}' column; it needs {string.Join(", ", Required)}, and value unless every record is a deadline record.{DelimiterHint(header, delimiter)}"));
            }
        }

        if (Array.IndexOf(columns, OutcomeFields.Value) < 0 && Array.IndexOf(columns, OutcomeFields.PromisedBy) < 0 && Array.IndexOf(columns, OutcomeFields.RequestedAt) < 0)
        {
            throw new MalformedOutcomeException(new MalformedRecord(
                line,
                OutcomeFields.Value,
                $"the header has no '{OutcomeFields.Value}' column; without a '{OutcomeFields.PromisedBy}' or '{OutcomeFields.RequestedAt}' column no record could be read."));
        }

        return columns;
    }

    /// <summary>Says which delimiter to set when the header holds a likelier one than <paramref name="delimiter"/>.</summary>
    private static string DelimiterHint(string header, char delimiter)
    {
        foreach (var candidate in (ReadOnlySpan<char>)[';', '\t', '|', ','])
        {
            if (candidate != delimiter && header.Contains(candidate, StringComparison.Ordinal))
            {
                var shown = candidate == '\t' ? "\\t" : candidate.ToString();
                return $" The header holds '{shown}': if the file is separated by '{shown}', set {nameof(OutcomeReaderOptions)}.{nameof(OutcomeReaderOptions.CsvDelimiter)} to '{shown}'.";
            }
        }

        return string.Empty;
    }
}
