using System.Runtime.InteropServices;

namespace CxScoring.Journeys;

/// <summary>
/// The memory of a pass's moments, owned by one <see cref="CustomerRows"/> and released by <see cref="Dispose"/>: on
/// Linux, from <see cref="NativeBytes"/> bytes up, native memory aligned to 2 MiB that the kernel is advised
/// (<c>madvise(MADV_HUGEPAGE)</c>) to back with transparent huge pages, so that the first writes to it take one page
/// fault per 2 MiB instead of one per 4 KiB; elsewhere, below that size, or when the advice fails, a managed array.
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
    private T[]? _array;
    private void* _native;
    private bool _disposed;

    private MomentMemory(T[]? array, void* native, int length)
    {
        _array = array;
        _native = native;
        _length = length;
    }

    /// <summary>Finalizes an instance of the <see cref="MomentMemory{T}"/> class: frees native memory a caller failed to dispose of.</summary>
    ~MomentMemory() => Free();

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
    /// <returns>The memory; the caller disposes of it.</returns>
    internal static MomentMemory<T> Allocate(int length, long nativeBytes = NativeBytes)
    {
        var bytes = (long)length * sizeof(T);
        if (length > 0 && bytes >= nativeBytes && OperatingSystem.IsLinux())
        {
            var size = (nuint)((bytes + HugePage - 1) / HugePage * HugePage);
            var native = NativeMemory.AlignedAlloc(size, HugePage);
            if (HugePages.Advise(native, size) == 0)
            {
                return new MomentMemory<T>(null, native, length);
            }

            NativeMemory.AlignedFree(native);
        }

        var array = GC.AllocateUninitializedArray<T>(length);
        var managed = new MomentMemory<T>(array, null, length);
        GC.SuppressFinalize(managed);
        return managed;
    }

    /// <summary>Releases the memory; the moments are no longer to be read. Safe to call more than once.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        _disposed = true;
        _array = null;
        if (_native is not null)
        {
            NativeMemory.AlignedFree(_native);
            _native = null;
        }
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
