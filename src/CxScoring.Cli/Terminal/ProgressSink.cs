using CxScoring.Cli.Input;
using Spectre.Console;

namespace CxScoring.Cli.Terminal;

/// <summary>Receives the progress of reading outcome inputs.</summary>
internal interface IProgressSink
{
    void Start(OutcomeSource source, CountingStream stream);

    void Advance();

    void Finish();
}

/// <summary>Shows nothing: for redirected output, or when progress is turned off.</summary>
internal sealed class NoProgress : IProgressSink
{
    public static NoProgress Instance { get; } = new();

    public void Start(OutcomeSource source, CountingStream stream)
    {
    }

    public void Advance()
    {
    }

    public void Finish()
    {
    }
}

/// <summary>A Spectre progress bar per input on standard error: bytes read of the file's length, records, rate and time remaining.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IProgressSink
{
    private ProgressTask? _task;
    private CountingStream? _stream;
    private OutcomeSource? _source;
    private long _records;

    public static async Task<T> RunAsync<T>(bool show, Func<IProgressSink, Task<T>> work)
    {
        if (!show)
        {
            return await work(NoProgress.Instance);
        }

        T result = default!;
        await Consoles.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => result = await work(new SpectreProgress(context)));
        return result;
    }

    public void Start(OutcomeSource source, CountingStream stream)
    {
        _source = source;
        _stream = stream;
        _records = 0;
        _task = context.AddTask(Markup.Escape(Path.GetFileName(source.Name)), maxValue: source.Length is > 0 and var length ? length : 1);
        _task.IsIndeterminate = source.Length is null;
    }

    public void Advance()
    {
        if (++_records % 1024 == 0)
        {
            Update();
        }
    }

    public void Finish()
    {
        Update();
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }

    private void Update()
    {
        if (_task is null || _stream is null || _source is null)
        {
            return;
        }

        _task.Description = Markup.Escape($"{Path.GetFileName(_source.Name)}: {_records:N0} records");
        if (_source.Length is not null)
        {
            _task.Value = Math.Min(_stream.BytesRead, _task.MaxValue);
        }
    }
}
