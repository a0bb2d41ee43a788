using System.Buffers;

namespace CxScoring.OutcomeFiles;

/// <summary>What <see cref="LineBuffer.Next"/> found.</summary>
internal enum LineStatus
{
    Line,
    TooLong,
    NeedData,
    End,
}

/// <summary>
/// Splits a byte stream into lines in a pooled buffer that never grows past the longest line allowed; a longer line
/// is reported once and then skipped to its end without being held. A line's length excludes its line break (LF or
/// CR LF), and a line is refused exactly when it is longer than the limit, however the stream hands out its bytes.
/// </summary>
internal sealed class LineBuffer : IDisposable
{
    private readonly int _maxLength;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _discarding;
    private long _line;

    internal LineBuffer(int maxLength)
    {
        _maxLength = maxLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxLength + 2, 64 * 1024));
    }

    internal ReadOnlySpan<byte> Span(int start, int length) => _buffer.AsSpan(start, length);

    /// <summary>Finds the next line.</summary>
    /// <param name="start">The line's start in the buffer.</param>
    /// <param name="length">The line's length without its line break.</param>
    /// <param name="line">The 1-based line number.</param>
    internal LineStatus Next(out int start, out int length, out long line)
    {
        while (true)
        {
            start = _start;
            length = 0;
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _line++;
                line = _line;
                _start += newline + 1;
                if (_discarding)
                {
                    _discarding = false;
                    continue;
                }

                length = newline;
                if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
                {
                    length--;
                }

                // The buffer may hold more than the limit (pooled arrays are larger than asked for, and one read may
                // bring a whole line): the limit is checked on every line, so it never depends on how the bytes arrived.
                return length > _maxLength ? LineStatus.TooLong : LineStatus.Line;
            }

            line = _line + 1;
            if (PendingLength() > _maxLength)
            {
                _start = _end;
                if (_discarding)
                {
                    return _eof ? Finish(out line) : LineStatus.NeedData;
                }

                _discarding = true;
                return LineStatus.TooLong;
            }

            if (!_eof)
            {
                return LineStatus.NeedData;
            }

            if (_start < _end && !_discarding)
            {
                _line++;
                length = _end - _start;
                _start = _end;
                if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
                {
                    length--;
                }

                return length > _maxLength ? LineStatus.TooLong : LineStatus.Line;
            }

            return Finish(out line);
        }
    }

    /// <summary>Gets the free space to read into, compacting or growing the buffer as needed.</summary>
    internal Memory<byte> FreeSpace()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLength + 2));
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records how many bytes were read into <see cref="FreeSpace"/>; 0 marks the end of the stream.</summary>
    internal void Commit(int count)
    {
        if (count == 0)
        {
            _eof = true;
        }

        _end += count;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>The length of the unfinished line so far, not counting a last CR that may begin its CR LF line break.</summary>
    private int PendingLength()
    {
        var pending = _end - _start;
        return pending > 0 && _buffer[_end - 1] == (byte)'\r' ? pending - 1 : pending;
    }

    private LineStatus Finish(out long line)
    {
        _discarding = false;
        line = _line;
        return LineStatus.End;
    }
}
