using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.Calendars;

/// <summary>
/// Reads a holiday list: one ISO date (<c>uuuu-MM-dd</c>) per line, optionally followed by white space and a name;
/// blank lines and lines starting with <c>#</c> are ignored.
/// </summary>
/// <example>
/// <code>
/// # England and Wales bank holidays 2025
/// 2025-12-25 Christmas Day
/// 2025-12-26 Boxing Day
/// </code>
/// </example>
/// <remarks>This type is stateless and safe to use from any number of threads.</remarks>
public static class HolidayFile
{
    /// <summary>Reads holidays from text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the text in error messages (such as a file name).</param>
    /// <returns>The dates, in the order read.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">Thrown when a line does not start with a valid date; the message names the source and line.</exception>
    public static IReadOnlyList<LocalDate> Read(TextReader reader, string source = "holidays")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var dates = new List<LocalDate>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            var end = text.IndexOfAny(' ', '\t');
            var dateText = (end < 0 ? text : text[..end]).ToString();
            var parsed = LocalDatePattern.Iso.Parse(dateText);
            if (!parsed.Success)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}, line {lineNumber}: '{dateText}' is not a date in the form uuuu-MM-dd (such as 2025-12-25)."));
            }

            dates.Add(parsed.Value);
        }

        return dates;
    }

    /// <summary>Reads holidays from a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The dates, in the order read.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="path"/> is empty.</exception>
    /// <exception cref="FormatException">Thrown when a line does not start with a valid date; the message names the file and line.</exception>
    /// <exception cref="IOException">Thrown when the file cannot be read.</exception>
    public static IReadOnlyList<LocalDate> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }
}
