using CxScoring.Model;

namespace CxScoring.Hosting;

/// <summary>
/// Configures one scoring model registered with <c>AddCxScoring</c>: where the model comes from and whether it is
/// reloaded when it changes. Named models (tenants, brands) use named options, the name being the model's key.
/// </summary>
/// <remarks>
/// Set exactly one model source: <see cref="ModelFactory"/>. The options are checked when the host starts; every
/// rule that is broken is reported with what to change. Instances are plain option bags and are not thread-safe
/// while being configured; the options system hands them out read-only afterwards.
/// </remarks>
public sealed class CxScoringOptions
{
    /// <summary>The least polling interval accepted for <see cref="ReloadPollingInterval"/>.</summary>
    public static readonly TimeSpan MinimumReloadPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets a delegate that builds the model, for example with <see cref="ScoringModelBuilder"/>.</summary>
    /// <value>The default value is <see langword="null"/>. It is called for the first load and again on every reload.</value>
    public Func<IServiceProvider, ScoringModel>? ModelFactory { get; set; }

    /// <summary>Gets or sets a value indicating whether the model is reloaded when its source changes.</summary>
    /// <value>The default value is <see langword="false"/>: the model is reloaded only by an explicit <see cref="ScoringModelHandle.ReloadAsync(CancellationToken)"/>.</value>
    public bool ReloadOnChange { get; set; }

    /// <summary>Gets or sets how often the model source is checked for changes when <see cref="ReloadOnChange"/> is set.</summary>
    /// <value>The default value is two seconds; at least <see cref="MinimumReloadPollingInterval"/>.</value>
    public TimeSpan ReloadPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
