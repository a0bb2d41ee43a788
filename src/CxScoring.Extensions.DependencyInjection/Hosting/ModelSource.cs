using CxScoring.Model;


namespace CxScoring.Hosting;

/// <summary>Where a registered model comes from; loads it on demand and, when it can, tells whether it changed.</summary>
internal abstract class ModelSource
{
    /// <summary>Gets a short description for logs, such as the file path.</summary>
    public abstract string Description { get; }

    /// <summary>Gets a value indicating whether <see cref="HasChanged"/> can tell a change (files can; delegates cannot).</summary>
    public virtual bool CanWatch => false;

    public abstract ScoringModel Load();

    public virtual ValueTask<ScoringModel> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<ScoringModel>(Load());
    }

    /// <summary>Tells whether the source changed since the last <see cref="Load"/>.</summary>
    public virtual bool HasChanged() => false;

    public static ModelSource From(CxScoringOptions options, IServiceProvider services)
    {
        if (options.ModelPath is { } path)
        {
            return new FileModelSource(path, ScoringModelJson.Load, ScoringModelJson.LoadAsync);
        }

        if (options.ModelStreamFactory is { } open)
        {
            return new StreamModelSource(open, services);
        }

        var factory = options.ModelFactory
            ?? throw new InvalidOperationException("No model source is set; the options validator should have refused these options.");
        return new FactoryModelSource(factory, services);
    }
}

internal sealed class FactoryModelSource(Func<IServiceProvider, ScoringModel> factory, IServiceProvider services) : ModelSource
{
    public override string Description => "model factory";

    public override ScoringModel Load()
        => factory(services) ?? throw new InvalidOperationException("CxScoringOptions.ModelFactory returned null; it must return a built ScoringModel.");
}

internal sealed class StreamModelSource(Func<IServiceProvider, Stream> open, IServiceProvider services) : ModelSource
{
    public override string Description => "model stream";

    public override ScoringModel Load()
    {
        using var stream = Open();
        return ScoringModelJson.Load(stream);
    }

    public override async ValueTask<ScoringModel> LoadAsync(CancellationToken cancellationToken)
    {
        var stream = Open();
        await using (stream.ConfigureAwait(false))
        {
            return await ScoringModelJson.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private Stream Open()
        => open(services) ?? throw new InvalidOperationException("CxScoringOptions.ModelStreamFactory returned null; it must return a readable stream of model JSON.");
}
