using System.Buffers;

namespace CxScoring.OutcomeFiles;

/// <summary>
/// Finds where CSV records end in UTF-8 bytes, by exactly the rules of <see cref="CsvRecordParser"/>: a line break
/// outside quotes (LF, CR LF or a bare CR) ends a record; a quote opens a quoted field only at the start of a field,
/// and a quoted field may span lines. Line numbers advance as that parser counts them.
/// </summary>
internal static class CsvRecordScanner
{
    private static readonly SearchValues<byte> Breaks = SearchValues.Create("\r\n\""u8);
    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>Finds the end of the record that starts at <paramref name="text"/>[0].</summary>
    /// <param name="text">The text from the record's start.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="final">Whether the text runs to the end of the input.</param>
    /// <param name="contentLength">The record's bytes without its line break.</param>
    /// <param name="consumed">The record's bytes with its line break.</param>
    /// <param name="lines">The lines the record ends (its line break, and those inside quoted fields).</param>
    /// <param name="quoted">Whether the record holds a quote.</param>
    /// <returns><see langword="false"/> when the text ends before the record does and more may follow.</returns>
    internal static bool TryFindEnd(ReadOnlySpan<byte> text, byte delimiter, bool final, out int contentLength, out int consumed, out int lines, out bool quoted)
    {
        quoted = false;
        var i = text.IndexOfAny(Breaks);
        if (i >= 0 && text[i] != (byte)'"')
        {
            lines = 1;
            return Terminate(text, i, final, out contentLength, out consumed);
        }

        if (i < 0)
        {
            lines = 0;
            contentLength = consumed = text.Length;
            return final;
        }

        quoted = true;
        return ScanQuoted(text, delimiter, final, out contentLength, out consumed, out lines);
    }

    /// <summary>Finds the end of the last whole record in text that starts at a record boundary.</summary>
    /// <returns>The length of the whole records, or 0 when there is none yet.</returns>
    internal static int LastBoundary(ReadOnlySpan<byte> text, byte delimiter, bool final)
    {
        if (final)
        {
            return text.Length;
        }

        if (text.IndexOf((byte)'"') < 0)
        {
            var end = text.Length;
            while (true)
            {
                var i = text[..end].LastIndexOfAny(LineBreaks);
                if (i < 0)
                {
                    return 0;
                }

                if (text[i] == (byte)'\n' || i + 1 < text.Length)
                {
                    // A CR followed by anything but LF (LF would have been found first) ends its record alone.
                    return i + 1;
                }

                // A CR at the very end: an LF may follow in the next read.
                end = i;
            }
        }

        var position = 0;
        while (position < text.Length && TryFindEnd(text[position..], delimiter, false, out _, out var consumed, out _, out _))
        {
            position += consumed;
        }

        return position;
    }

    private static bool Terminate(ReadOnlySpan<byte> text, int at, bool final, out int contentLength, out int consumed)
    {
        contentLength = at;
        if (text[at] == (byte)'\r')
        {
            if (at + 1 < text.Length)
            {
                consumed = text[at + 1] == (byte)'\n' ? at + 2 : at + 1;
                return true;
            }

            consumed = at + 1;
            return final;
        }

        consumed = at + 1;
        return true;
    }

    private static bool ScanQuoted(ReadOnlySpan<byte> text, byte delimiter, bool final, out int contentLength, out int consumed, out int lines)
    {
        var state = State.FieldStart;
        lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineBreak = c is (byte)'\n' or (byte)'\r';
            if (state == State.Quoted)
            {
                if (c == (byte)'"')
                {
                    state = State.QuoteInQuoted;
                }
                else if (c == (byte)'\n')
                {
                    lines++;
                }

                continue;
            }

            if (lineBreak)
            {
                lines++;
                return Terminate(text, i, final, out contentLength, out consumed);
            }

            if (c == delimiter)
            {
                state = State.FieldStart;
            }
            else if (c == (byte)'"')
            {
                state = state switch
                {
                    State.FieldStart or State.QuoteInQuoted => State.Quoted,
                    _ => State.Unquoted,
                };
            }
            else if (state == State.FieldStart)
            {
                state = State.Unquoted;
            }
        }

        contentLength = consumed = text.Length;
        return final;
    }
}
