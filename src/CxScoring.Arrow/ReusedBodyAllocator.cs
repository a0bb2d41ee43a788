using System.Buffers;
using Apache.Arrow.Memory;

namespace CxScoring.Arrow;

/// <summary>
/// One worker's allocator for the message bodies an IPC reader reads: the body of a record batch is read into a
/// buffer that comes back when the batch is disposed and is handed out again for the next batch, so that reading a
/// file does not allocate (and zero, and fault in) a fresh buffer per batch. Buffers come from the workers' pool
/// (<see cref="WorkerBuffers"/>) and go back to it when the reader is done (<see cref="Release"/>), so that scoring a
/// file many times does not allocate either. Dictionaries, kept by the reader, keep their own buffers. Used by one reader on one thread at a time.
/// </summary>
internal sealed class ReusedBodyAllocator : MemoryAllocator
{
    private byte[]? _free;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        var buffer = _free;
        _free = null;
        if (buffer is null || buffer.Length < length)
        {
            if (buffer is not null)
            {
                WorkerBuffers.Bytes.Return(buffer);
            }

            // The reader fills the whole body, so the buffer need not be cleared.
            buffer = WorkerBuffers.Bytes.Rent(length);
        }

        bytesAllocated = length;
        return new Lease(this, buffer, length);
    }

    /// <summary>Gives the kept buffer back to the pool; called once the reader is disposed and every batch it read has been.</summary>
    internal void Release()
    {
        if (_free is { } buffer)
        {
            _free = null;
            WorkerBuffers.Bytes.Return(buffer);
        }
    }

    /// <summary>Keeps the larger of the buffer given back and the one kept, so a worker holds one body buffer between batches.</summary>
    private void Return(byte[] buffer)
    {
        if (_free is null)
        {
            _free = buffer;
            return;
        }

        var smaller = _free.Length < buffer.Length ? _free : buffer;
        _free = ReferenceEquals(smaller, buffer) ? _free : buffer;
        WorkerBuffers.Bytes.Return(smaller);
    }

    private sealed class Lease(ReusedBodyAllocator owner, byte[] buffer, int length) : IMemoryOwner<byte>
    {
        private byte[]? _buffer = buffer;

        public Memory<byte> Memory => _buffer is { } b ? b.AsMemory(0, length) : throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (_buffer is { } b)
            {
                _buffer = null;
                owner.Return(b);
            }
        }
    }
}
