using System.Runtime.InteropServices;

namespace CxScoring.Journeys;

/// <summary>
/// The memory of a pass's moments, owned by one <see cref="CustomerRows"/> and released by <see cref="Dispose"/>: on
/// Linux, from <see cref="NativeBytes"/> bytes up, native memory aligned to 2 MiB that the kernel is advised
/// (<c>madvise(MADV_HUGEPAGE)</c>) to back with transparent huge pages, so that the first writes to it take one page
/// fault per 2 MiB instead of one per 4 KiB; elsewhere, below that size, or when the advice fails, a managed array.
/// The native memory is taken from and given back to a <see cref="NativeBlockPool"/> (<see cref="NativeBlockPool.Shared"/>),
/// so that passes run one after another write to pages the kernel has already backed and cleared.
/// </summary>
/// <typeparam name="T">The moment.</typeparam>
/// <remarks>Not thread-safe. The memory is not cleared: only the slots written are to be read.</remarks>
internal sealed unsafe class MomentMemory<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The smallest allocation taken from native memory (one huge page); smaller ones are managed arrays.</summary>
    internal const long NativeBytes = HugePage;

    /// <summary>The size and alignment of a transparent huge page on x64 and arm64 Linux.</summary>
    private const int HugePage = 2 << 20;

    private readonly int _length;
    private readonly NativeBlockPool? _pool;
    private readonly nuint _size;
    private T[]? _array;
    private void* _native;
    private bool _disposed;

    private MomentMemory(T[]? array, void* native, nuint size, NativeBlockPool? pool, int length)
    {
        _array = array;
        _native = native;
        _size = size;
        _pool = pool;
        _length = length;
    }

    /// <summary>Finalizes an instance of the <see cref="MomentMemory{T}"/> class: frees native memory a caller failed to dispose of.</summary>
    ~MomentMemory() => Free(returnToPool: false);

    /// <summary>Gets a value indicating whether the moments live in native memory advised to use huge pages.</summary>
    internal bool IsNative => _native is not null;

    /// <summary>Gets the moments.</summary>
    /// <exception cref="ObjectDisposedException">Thrown after <see cref="Dispose"/>.</exception>
    internal Span<T> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _native is not null ? new Span<T>(_native, _length) : _array;
        }
    }

    /// <summary>Allocates room for <paramref name="length"/> moments, uncleared.</summary>
    /// <param name="length">The moments.</param>
    /// <param name="nativeBytes">The smallest size taken from native memory (<see cref="NativeBytes"/>; 0 in tests, to reach it with few moments).</param>
    /// <param name="pool">The pool native memory is taken from and given back to (<see langword="null"/>: <see cref="NativeBlockPool.Shared"/>; its own in tests).</param>
    /// <returns>The memory; the caller disposes of it.</returns>
    internal static MomentMemory<T> Allocate(int length, long nativeBytes = NativeBytes, NativeBlockPool? pool = null)
    {
        var bytes = (long)length * sizeof(T);
        if (length > 0 && bytes >= nativeBytes && OperatingSystem.IsLinux())
        {
            pool ??= NativeBlockPool.Shared;
            var size = (nuint)((bytes + HugePage - 1) / HugePage * HugePage);
            var held = pool.Rent(size, out var heldSize);
            if (held != 0)
            {
                return new MomentMemory<T>(null, (void*)held, heldSize, pool, length);
            }

            var native = NativeMemory.AlignedAlloc(size, HugePage);
            if (HugePages.Advise(native, size) == 0)
            {
                return new MomentMemory<T>(null, native, size, pool, length);
            }

            NativeMemory.AlignedFree(native);
        }

        var array = GC.AllocateUninitializedArray<T>(length);
        var managed = new MomentMemory<T>(array, null, 0, null, length);
        GC.SuppressFinalize(managed);
        return managed;
    }

    /// <summary>Releases the memory (native memory goes back to its pool); the moments are no longer to be read. Safe to call more than once.</summary>
    public void Dispose()
    {
        Free(returnToPool: true);
        GC.SuppressFinalize(this);
    }

    private void Free(bool returnToPool)
    {
        _disposed = true;
        _array = null;
        if (_native is not null)
        {
            if (returnToPool)
            {
                _pool!.Return((nint)_native, _size);
            }
            else
            {
                NativeMemory.AlignedFree(_native);
            }

            _native = null;
        }
    }
}

/// <summary>
/// Holds at most one block of native memory (<see cref="MomentMemory{T}"/>'s, aligned to 2 MiB and advised to use huge
/// pages) between passes, so that a pass run after another takes pages already backed and cleared by the kernel instead
/// of new ones it must clear. The block kept is the last one given back, when it is at most <see cref="MaxHeldBytes"/>;
/// it is freed when no pass has taken it for <see cref="IdleTime"/> after it was given back, so an idle process gives it
/// back to the system.
/// </summary>
/// <remarks>Thread-safe: passes running at once each take their own block (at most one of them the held one).</remarks>
internal sealed class NativeBlockPool
{
    /// <summary>The largest block held between passes: 1 GiB (the moments of about 44 M rows at 24 bytes).</summary>
    internal const long MaxHeldBytes = 1L << 30;

    /// <summary>How long a block given back is held for the next pass: 10 seconds.</summary>
    internal static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _idleTime;
    private readonly Timer _timer;
    private Held? _held;

    /// <summary>Initializes a new instance of the <see cref="NativeBlockPool"/> class.</summary>
    /// <param name="idleTime">How long a block given back is held (<see cref="IdleTime"/>; shorter in tests).</param>
    internal NativeBlockPool(TimeSpan? idleTime = null)
    {
        _idleTime = idleTime ?? IdleTime;
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static pool => ((NativeBlockPool)pool!).TrimIdle(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>Gets the pool of the journey passes.</summary>
    internal static NativeBlockPool Shared { get; } = new();

    /// <summary>Gets the bytes held between passes (0 when none).</summary>
    internal long HeldBytes => (long)(Volatile.Read(ref _held)?.Size ?? 0);

    /// <summary>Takes the held block when it has at least <paramref name="size"/> bytes.</summary>
    /// <param name="size">The bytes needed.</param>
    /// <param name="held">The block's size, at least <paramref name="size"/>.</param>
    /// <returns>The block's address, or 0 when none is held or the one held is smaller (it is then freed).</returns>
    internal nint Rent(nuint size, out nuint held)
    {
        var block = Interlocked.Exchange(ref _held, null);
        if (block is not null && block.Size >= size)
        {
            held = block.Size;
            return block.Address;
        }

        Free(block);
        held = 0;
        return 0;
    }

    /// <summary>Gives a block back: it is held (freeing the one held before) unless larger than <see cref="MaxHeldBytes"/>, for <see cref="IdleTime"/> at most.</summary>
    /// <param name="address">The block (from <see cref="NativeMemory.AlignedAlloc"/>), which the pool now owns.</param>
    /// <param name="size">Its size.</param>
    internal void Return(nint address, nuint size)
    {
        var block = new Held(address, size, Environment.TickCount64);
        if (size > MaxHeldBytes)
        {
            Free(block);
            return;
        }

        Free(Interlocked.Exchange(ref _held, block));
        _timer.Change(_idleTime, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Frees the held block, if any.</summary>
    internal void Trim() => Free(Interlocked.Exchange(ref _held, null));

    /// <summary>
    /// Frees the held block once it has been held for the idle time; a block given back since the timer was set (the
    /// timer may fire just after a <see cref="Return"/> set it again) is left, and the timer set for the rest of its time.
    /// </summary>
    internal void TrimIdle()
    {
        if (Volatile.Read(ref _held) is not { } block)
        {
            return;
        }

        var left = (long)_idleTime.TotalMilliseconds - (Environment.TickCount64 - block.ReturnedAt);
        if (left > 0)
        {
            _timer.Change(TimeSpan.FromMilliseconds(left), Timeout.InfiniteTimeSpan);
        }
        else if (Interlocked.CompareExchange(ref _held, null, block) == block)
        {
            // Every block given back is a new Held, so a block taken and given back in between is not freed here.
            Free(block);
        }
    }

    private static unsafe void Free(Held? block)
    {
        if (block is not null)
        {
            NativeMemory.AlignedFree((void*)block.Address);
        }
    }

    /// <summary>A block held between passes.</summary>
    private sealed class Held(nint address, nuint size, long returnedAt)
    {
        public readonly nint Address = address;
        public readonly nuint Size = size;
        public readonly long ReturnedAt = returnedAt;
    }
}

/// <summary>The advice to back memory with transparent huge pages (Linux).</summary>
internal static unsafe partial class HugePages
{
    /// <summary><c>MADV_HUGEPAGE</c>.</summary>
    private const int AdviseHugePage = 14;

    /// <summary>Advises the kernel to back a range with transparent huge pages.</summary>
    /// <param name="address">The range's start, aligned to a page.</param>
    /// <param name="length">The range's length in bytes.</param>
    /// <returns>0 when the advice was taken, -1 otherwise (no such call, or a kernel without transparent huge pages).</returns>
    internal static int Advise(void* address, nuint length)
    {
        try
        {
            return Advise(address, length, AdviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    /// <summary><c>int madvise(void *addr, size_t length, int advice)</c> of the C library.</summary>
    [LibraryImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Advise(void* address, nuint length, int advice);
}
