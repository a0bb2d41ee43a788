using System.Globalization;
using CxScoring.Calendars;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.ModelFiles;

/// <summary>The <c>calendars</c> section (schema version 2): business calendars with working hours and holidays, referred to by promises.</summary>
internal sealed partial class ModelJsonReader
{
    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly IsoDayOfWeek[] MondayToFriday = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private readonly Dictionary<string, string> _declaredCalendars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);

    /// <summary>The folder holiday files are read from (the model file's), or <see langword="null"/> when the model is not read from a file.</summary>
    private string? _baseDirectory;

    private void ReadCalendar(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "zone", "workingDays", "hours", "days", "holidays", "holidaysFile"]);
        var id = Id(node, path, "calendar", _declaredCalendars);
        var zone = Zone(node, path, required: true);
        var ok = id is not null && zone is not null;

        var workingDays = MondayToFriday;
        if (Typed(node, path, "workingDays", required: false, JsonSourceKind.Array, "an array of day names") is { } daysNode)
        {
            var list = new List<IsoDayOfWeek>();
            for (var i = 0; i < daysNode.Items.Count; i++)
            {
                var item = daysNode.Items[i];
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.workingDays[{i}]");
                if (item.Kind == JsonSourceKind.String && System.Array.IndexOf(DayNames, item.Text) is var d and >= 0)
                {
                    list.Add((IsoDayOfWeek)(d + 1));
                }
                else
                {
                    Problem(itemPath, item.Line, $"Expected a day name ({string.Join(", ", DayNames)}); found {(item.Kind == JsonSourceKind.String ? $"'{item.Text}'" : item.KindName)}.");
                    ok = false;
                }
            }

            workingDays = [.. list];
        }

        var hours = Hours(node, path, "hours", required: workingDays.Length > 0, ref ok);
        var perDay = new Dictionary<IsoDayOfWeek, WorkingHours[]>();
        if (Object(node, path, "days") is { } dayMap)
        {
            var dayPath = ModelJsonNames.Child(path, "days");
            Known(dayMap, dayPath, DayNames);
            for (var d = 0; d < 7; d++)
            {
                if (dayMap[DayNames[d]] is not null)
                {
                    perDay[(IsoDayOfWeek)(d + 1)] = Hours(dayMap, dayPath, DayNames[d], required: true, ref ok) ?? [];
                }
            }
        }

        var holidays = new List<LocalDate>();
        if (Typed(node, path, "holidays", required: false, JsonSourceKind.Array, "an array of dates") is { } holidayNode)
        {
            for (var i = 0; i < holidayNode.Items.Count; i++)
            {
                var item = holidayNode.Items[i];
                if (item.Kind == JsonSourceKind.String && LocalDatePattern.Iso.Parse(item.Text!) is { Success: true } parsed)
                {
                    holidays.Add(parsed.Value);
                }
                else
                {
                    Problem(string.Create(CultureInfo.InvariantCulture, $"{path}.holidays[{i}]"), item.Line, $"Expected a date in the form uuuu-MM-dd such as '2025-12-25'; found {(item.Kind == JsonSourceKind.String ? $"'{item.Text}'" : item.KindName)}.");
                    ok = false;
                }
            }
        }

        if (String(node, path, "holidaysFile", required: false) is { } file)
        {
            ok &= ReadHolidaysFile(node, path, file, holidays);
        }

        if (!ok || hours is null && workingDays.Length > 0)
        {
            return;
        }

        var builder = Create(path, node, () => new BusinessCalendarBuilder(id!, zone!), p => p == "id" ? p : null);
        if (builder is null)
        {
            return;
        }

        var built = Create(
            path,
            node,
            () =>
            {
                builder.SetHours(workingDays, hours ?? []);
                foreach (var (day, dayHours) in perDay)
                {
                    builder.SetHours(day, dayHours);
                }

                return builder.AddHolidays(holidays).Build();
            },
            _ => null);
        if (built is not null)
        {
            _calendars[built.Id] = built;
        }
    }

    private bool ReadHolidaysFile(JsonSourceNode node, string path, string file, List<LocalDate> holidays)
    {
        var filePath = ModelJsonNames.Child(path, "holidaysFile");
        var line = node["holidaysFile"]!.Line;
        if (_baseDirectory is null)
        {
            Problem(filePath, line, $"'holidaysFile' is read relative to the model file, so it needs a model loaded from a file (ScoringModelJson.LoadFile); list the dates in 'holidays' instead, or load the file.");
            return false;
        }

        var full = Path.GetFullPath(Path.Combine(_baseDirectory, file));
        try
        {
            holidays.AddRange(HolidayFile.ReadFile(full));
            return true;
        }
        catch (FormatException ex)
        {
            Problem(filePath, line, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem(filePath, line, $"The holiday file '{file}' cannot be read: {ex.Message}");
        }

        return false;
    }

    private WorkingHours[]? Hours(JsonSourceNode node, string path, string name, bool required, ref bool ok)
    {
        var list = Typed(node, path, name, required, JsonSourceKind.Array, "an array of working hours such as [\"09:00-17:00\"]");
        if (list is null)
        {
            ok &= !required && (node[name] is null || node[name]!.Kind == JsonSourceKind.Null);
            return null;
        }

        var result = new WorkingHours[list.Items.Count];
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{ModelJsonNames.Child(path, name)}[{i}]");
            var text = item.Kind == JsonSourceKind.String ? item.Text : null;
            var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
            if (text is null || dash < 0 || ParseTime(text[..dash].Trim(), endOfDay: false) is not { } start || ParseTime(text[(dash + 1)..].Trim(), endOfDay: true) is not { } end)
            {
                Problem(itemPath, item.Line, $"Expected working hours as 'HH:mm-HH:mm' such as '09:00-17:00' (24:00 for midnight at the end of the day); found {(text is null ? item.KindName : $"'{text}'")}.");
                ok = false;
                continue;
            }

            if (CreateValue(itemPath, item, () => new WorkingHours(start, end), _ => null) is { } value)
            {
                result[i] = value;
            }
            else
            {
                ok = false;
            }
        }

        return result;
    }

    private static LocalTime? ParseTime(string text, bool endOfDay)
    {
        if (endOfDay && text == "24:00")
        {
            return LocalTime.Midnight;
        }

        var parsed = ShortTime.Parse(text);
        if (!parsed.Success)
        {
            parsed = LocalTimePattern.ExtendedIso.Parse(text);
        }

        return parsed.Success ? parsed.Value : null;
    }

    private DateTimeZone? Zone(JsonSourceNode node, string path, bool required)
    {
        var zoneId = String(node, path, "zone", required);
        if (zoneId is null)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            Problem(ModelJsonNames.Child(path, "zone"), node["zone"]!.Line, $"'{zoneId}' is not a known IANA time zone id; use one such as 'Europe/Berlin' or 'America/New_York' (tz database {DateTimeZoneProviders.Tzdb.VersionId}).");
        }

        return zone;
    }

    /// <summary>Reads a reference to a calendar; <see langword="null"/> (reported) when it is unknown or the calendar had problems.</summary>
    private (BusinessCalendar? Calendar, bool Ok) CalendarReference(JsonSourceNode node, string path)
    {
        var id = String(node, path, "calendar", required: true);
        if (id is null)
        {
            return (null, false);
        }

        var ok = Reference(node, path, "calendar", id, _declaredCalendars, "calendars");
        return _calendars.TryGetValue(id, out var calendar) ? (calendar, ok) : (null, false);
    }
}
