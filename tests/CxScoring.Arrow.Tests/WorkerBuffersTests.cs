namespace CxScoring.Arrow.Tests;

/// <summary>The workers' buffer pools: what one worker thread gives back, a later thread takes, so a call's workers reuse the buffers of the calls before.</summary>
public sealed class WorkerBuffersTests
{
    [Fact]
    public void Bytes_ArrayReturnedByAThreadThatEnded_IsRentedByTheNextThread()
    {
        // A size nothing else in the tests rents (64 MiB), so no other test takes it in between.
        const int Length = 1 << 26;
        byte[]? returned = null;
        byte[]? rented = null;
        Run(() =>
        {
            returned = WorkerBuffers.Bytes.Rent(Length);
            WorkerBuffers.Bytes.Return(returned);
        });
        Run(() => rented = WorkerBuffers.Bytes.Rent(Length));
        try
        {
            Assert.Same(returned, rented);
        }
        finally
        {
            WorkerBuffers.Bytes.Return(rented!);
        }
    }

    [Fact]
    public void Grow_LongEnough_KeepsTheArray()
    {
        var array = WorkerBuffers.Rent(WorkerBuffers.Ints, 100);
        var before = array;
        Assert.Same(before, WorkerBuffers.Grow(WorkerBuffers.Ints, ref array, 100));
        WorkerBuffers.Return(WorkerBuffers.Ints, ref array);
        Assert.Empty(array);
    }

    [Fact]
    public void Grow_TooShort_RentsAtLeastTheLength()
    {
        int[] array = [];
        Assert.True(WorkerBuffers.Grow(WorkerBuffers.Ints, ref array, 1000).Length >= 1000);
        Assert.True(WorkerBuffers.Grow(WorkerBuffers.Ints, ref array, 5000).Length >= 5000);
        WorkerBuffers.Return(WorkerBuffers.Ints, ref array);
    }

    [Fact]
    public void Keep_TooShort_KeepsTheContents()
    {
        var array = WorkerBuffers.Rent(WorkerBuffers.Bytes, 16);
        for (var i = 0; i < 16; i++)
        {
            array[i] = (byte)(i + 1);
        }

        WorkerBuffers.Keep(WorkerBuffers.Bytes, ref array, 1000);
        Assert.True(array.Length >= 1000);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i), array.Take(16));
        WorkerBuffers.Return(WorkerBuffers.Bytes, ref array);
    }

    [Fact]
    public void Return_EmptyArray_IsLeftOut()
    {
        byte[] array = [];
        WorkerBuffers.Return(WorkerBuffers.Bytes, ref array);
        Assert.Empty(WorkerBuffers.Rent(WorkerBuffers.Bytes, 0));
    }

    private static void Run(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}
