using CxScoring.Model;


namespace CxScoring.Hosting;

/// <summary>
/// Configures one scoring model registered with <c>AddCxScoring</c>: where the model comes from and whether it is
/// reloaded when it changes. Named models (tenants, brands) use named options, the name being the model's key.
/// </summary>
/// <remarks>
/// Set exactly one model source: <see cref="ModelPath"/>, <see cref="ModelStreamFactory"/> or <see cref="ModelFactory"/>. The options are checked when the host starts; every
/// rule that is broken is reported with what to change. Instances are plain option bags and are not thread-safe
/// while being configured; the options system hands them out read-only afterwards.
/// </remarks>
public sealed class CxScoringOptions
{
    /// <summary>The least polling interval accepted for <see cref="ReloadPollingInterval"/>.</summary>
    public static readonly TimeSpan MinimumReloadPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The greatest polling interval accepted for <see cref="ReloadPollingInterval"/>: 4,294,967,294 milliseconds (about 49.7 days), the longest period a timer takes.</summary>
    public static readonly TimeSpan MaximumReloadPollingInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Gets or sets the path of a model JSON file (see the model file format documentation).</summary>
    /// <value>The default value is <see langword="null"/>. A relative path is resolved against the current directory when the model is first loaded.</value>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets a delegate that opens a stream of model JSON; the stream is read to its end and disposed.</summary>
    /// <value>The default value is <see langword="null"/>. It is called for the first load and again on every reload.</value>
    public Func<IServiceProvider, Stream>? ModelStreamFactory { get; set; }

    /// <summary>Gets or sets a delegate that builds the model, for example with <see cref="ScoringModelBuilder"/>.</summary>
    /// <value>The default value is <see langword="null"/>. It is called for the first load and again on every reload.</value>
    public Func<IServiceProvider, ScoringModel>? ModelFactory { get; set; }

    /// <summary>Gets or sets how the engine compiled for each model version runs batches (parallelism).</summary>
    /// <value>The default value is <see langword="null"/>: the engine's defaults.</value>
    public ScoringEngineOptions? Engine { get; set; }

    /// <summary>Gets or sets a value indicating whether the model is reloaded when its source changes.</summary>
    /// <value>
    /// The default value is <see langword="false"/>: the model is reloaded only by an explicit
    /// <see cref="ScoringModelHandle.ReloadAsync(CancellationToken)"/>. Only a <see cref="ModelPath"/> can be watched: it is
    /// polled every <see cref="ReloadPollingInterval"/> for a new length or write time.
    /// </value>
    public bool ReloadOnChange { get; set; }

    /// <summary>Gets or sets how often the model source is checked for changes when <see cref="ReloadOnChange"/> is set.</summary>
    /// <value>The default value is two seconds; at least <see cref="MinimumReloadPollingInterval"/> and at most <see cref="MaximumReloadPollingInterval"/>.</value>
    public TimeSpan ReloadPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
