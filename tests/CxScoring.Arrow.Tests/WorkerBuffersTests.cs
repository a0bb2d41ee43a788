namespace CxScoring.Arrow.Tests;

/// <summary>The workers' buffer pools: what one worker thread gives back, a later thread takes, so a call's workers reuse the buffers of the calls before.</summary>
/// <remarks>Not run beside other tests: they score files (calls that keep the pools) and a trim here would empty the pools under them.</remarks>
[Collection(nameof(WorkerBuffersTests))]
public sealed class WorkerBuffersTests
{
    [Fact]
    public void Bytes_ArrayReturnedByAThreadThatEnded_IsRentedByTheNextThread()
    {
        // A size nothing else in the tests rents (64 MiB), so no other test takes it in between.
        const int Length = 1 << 26;
        byte[]? returned = null;
        byte[]? rented = null;

        // As a call does: the pools are not trimmed while it runs.
        WorkerBuffers.Enter();
        try
        {
            Run(() =>
            {
                returned = WorkerBuffers.Bytes.Rent(Length);
                WorkerBuffers.Bytes.Return(returned);
            });
            Run(() => rented = WorkerBuffers.Bytes.Rent(Length));
            Assert.Same(returned, rented);
            WorkerBuffers.Bytes.Return(rented!);
        }
        finally
        {
            WorkerBuffers.Exit();
        }
    }

    [Fact]
    public void Trim_WhileACallRuns_KeepsWhatThePoolsHold()
    {
        const int Length = 1 << 25;
        WorkerBuffers.Enter();
        try
        {
            var returned = WorkerBuffers.Bytes.Rent(Length);
            WorkerBuffers.Bytes.Return(returned);
            Assert.False(WorkerBuffers.Trim());
            var rented = WorkerBuffers.Bytes.Rent(Length);
            Assert.Same(returned, rented);
            WorkerBuffers.Bytes.Return(rented);
        }
        finally
        {
            WorkerBuffers.Exit();
        }
    }

    [Fact]
    public void Trim_NoCallRunning_LetsGoOfWhatThePoolsHeld()
    {
        const int Length = 1 << 24;
        var returned = WorkerBuffers.Bytes.Rent(Length);
        var columns = WorkerBuffers.RentColumns();
        WorkerBuffers.Bytes.Return(returned);
        WorkerBuffers.ReturnColumns(columns);

        Assert.True(WorkerBuffers.Trim());

        var rented = WorkerBuffers.Bytes.Rent(Length);
        Assert.NotSame(returned, rented);
        Assert.NotSame(columns, WorkerBuffers.RentColumns());

        // An array rented before the trim goes back to the new pools, which have the same sizes (held as a call holds
        // them, so that the idle timer does not let go of them in between).
        WorkerBuffers.Enter();
        try
        {
            WorkerBuffers.Bytes.Return(returned);
            Assert.Same(returned, WorkerBuffers.Bytes.Rent(Length));
            WorkerBuffers.Bytes.Return(rented);
        }
        finally
        {
            WorkerBuffers.Exit();
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

    private static void Run(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}

/// <summary>The tests of the workers' pools run alone.</summary>
[CollectionDefinition(nameof(WorkerBuffersTests), DisableParallelization = true)]
public sealed class WorkerBuffersTestsCollection;
