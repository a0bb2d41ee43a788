using System.Runtime.InteropServices;
using CxScoring.Journeys;

namespace CxScoring.Tests.Journeys;

public class NativeBlockPoolTests
{
    private const int HugePage = 2 << 20;

    [Fact]
    public void Allocate_AfterADisposedPass_TakesTheSameBlock_AndTheMomentsWritten()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var pool = new NativeBlockPool(TimeSpan.FromHours(1));
        var length = (HugePage / 24) + 1;
        nint first;
        using (var memory = MomentMemory<PackedMoment>.Allocate(length, 0, pool))
        {
            Assert.True(memory.IsNative);
            Assert.Equal(0, pool.HeldBytes);
            memory.Span[^1] = new PackedMoment(1, 2, 3);
            first = Address(memory);
        }

        // Two huge pages (24 · length rounded up), held until the next pass.
        Assert.Equal(2L * HugePage, pool.HeldBytes);
        using (var memory = MomentMemory<PackedMoment>.Allocate(length, 0, pool))
        {
            Assert.Equal(first, Address(memory));
            Assert.Equal(0, pool.HeldBytes);
            Assert.Equal(length, memory.Span.Length);

            // Not cleared: only the slots a pass writes are read (the test only shows that the block is the same memory).
            Assert.Equal(2UL, memory.Span[^1].TimeAndCell);
        }

        // A smaller pass takes the larger block; a larger pass frees the smaller held block and takes a new one.
        using (var memory = MomentMemory<PackedMoment>.Allocate(10, 0, pool))
        {
            Assert.Equal(first, Address(memory));
            Assert.Equal(10, memory.Span.Length);
        }

        using (var memory = MomentMemory<PackedMoment>.Allocate(3 * length, 0, pool))
        {
            Assert.True(memory.IsNative);
            Assert.Equal(0, pool.HeldBytes);
        }

        Assert.Equal(4L * HugePage, pool.HeldBytes);
        pool.Trim();
        Assert.Equal(0, pool.HeldBytes);
    }

    [Fact]
    public void Rent_TwoPassesAtOnce_OnlyOneTakesTheHeldBlock()
    {
        var pool = new NativeBlockPool(TimeSpan.FromHours(1));
        pool.Return(Block(HugePage), HugePage);
        var a = pool.Rent(HugePage, out var sizeA);
        var b = pool.Rent(HugePage, out var sizeB);
        Assert.NotEqual(0, a);
        Assert.Equal((nuint)HugePage, sizeA);
        Assert.Equal(0, b);
        Assert.Equal((nuint)0, sizeB);

        // The last block given back is the one held; the one it replaces is freed.
        pool.Return(a, sizeA);
        pool.Return(Block(2 * HugePage), 2 * HugePage);
        Assert.Equal(2L * HugePage, pool.HeldBytes);
        var c = pool.Rent(HugePage, out var sizeC);
        Assert.Equal((nuint)(2 * HugePage), sizeC);
        pool.Return(c, sizeC);
        pool.Trim();
    }

    [Fact]
    public void Return_ABlockLargerThanTheBound_IsFreedNotHeld()
    {
        var pool = new NativeBlockPool(TimeSpan.FromHours(1));
        var size = (nuint)(NativeBlockPool.MaxHeldBytes + HugePage);

        // Address space only: the block is never written, so no page is backed.
        pool.Return(Block(size), size);
        Assert.Equal(0, pool.HeldBytes);
        pool.Return(Block((nuint)NativeBlockPool.MaxHeldBytes), (nuint)NativeBlockPool.MaxHeldBytes);
        Assert.Equal(NativeBlockPool.MaxHeldBytes, pool.HeldBytes);
        var held = pool.Rent(HugePage, out var heldSize);
        Assert.NotEqual(0, held);
        pool.Return(held, heldSize);
        pool.Trim();
    }

    [Fact]
    public void Trim_FreesTheHeldBlock_AndAPassAfterItTakesANewOne()
    {
        var pool = new NativeBlockPool(TimeSpan.FromHours(1));
        pool.Trim();
        pool.Return(Block(HugePage), HugePage);
        pool.Trim();
        Assert.Equal(0, pool.HeldBytes);
        Assert.Equal(0, pool.Rent(HugePage, out _));
    }

    [Fact]
    public void Return_HoldsTheBlockForTheIdleTimeOnly()
    {
        // Held for a long idle time; freed soon after a short one with no pass taking it.
        var holding = new NativeBlockPool(TimeSpan.FromHours(1));
        holding.Return(Block(HugePage), HugePage);
        var idle = new NativeBlockPool(TimeSpan.FromMilliseconds(20));
        idle.Return(Block(HugePage), HugePage);
        for (var i = 0; i < 500 && idle.HeldBytes != 0; i++)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(0, idle.HeldBytes);
        Assert.Equal(HugePage, holding.HeldBytes);
        holding.Trim();

        // The wait starts again with the next block given back.
        idle.Return(Block(HugePage), HugePage);
        for (var i = 0; i < 500 && idle.HeldBytes != 0; i++)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(0, idle.HeldBytes);
    }

    [Fact]
    public void TrimIdle_BlockGivenBackWithinTheIdleTime_IsKept()
    {
        // The timer set by an earlier block may fire just after a newer block was given back: the newer one stays.
        var pool = new NativeBlockPool(TimeSpan.FromHours(1));
        pool.Return(Block(HugePage), HugePage);
        pool.TrimIdle();
        Assert.Equal(HugePage, pool.HeldBytes);
        pool.Trim();
        Assert.Equal(0, pool.HeldBytes);
    }

    private static unsafe nint Block(nuint size) => (nint)NativeMemory.AlignedAlloc(size, HugePage);

    private static unsafe nint Address(MomentMemory<PackedMoment> memory)
        => (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory.Span));
}
