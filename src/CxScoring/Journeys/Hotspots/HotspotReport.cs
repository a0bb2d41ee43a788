using System.Collections.Immutable;
using CxScoring.Model;
using CxScoring.Scorecards;

namespace CxScoring.Journeys.Hotspots;

/// <summary>Touchpoints ranked by their share of the total weighted shortfall, for all events or for one channel or segment.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class HotspotReport
{
    internal HotspotReport(Channel? channel, string? segmentId, double totalShortfall, int eventCount, ImmutableArray<Hotspot> hotspots)
    {
        Channel = channel;
        SegmentId = segmentId;
        TotalShortfall = totalShortfall;
        EventCount = eventCount;
        Hotspots = hotspots;
    }

    /// <summary>Gets the channel the report is limited to.</summary>
    /// <value>The channel, or <see langword="null"/> when not limited to one.</value>
    public Channel? Channel { get; }

    /// <summary>Gets the segment the report is limited to.</summary>
    /// <value>The segment, or <see langword="null"/> when not limited to one (or for events with no segment in a per-segment report: see <see cref="HotspotAnalysis.AnalyzePerSegment"/>).</value>
    public string? SegmentId { get; }

    /// <summary>Gets the total weighted shortfall of the events.</summary>
    public double TotalShortfall { get; }

    /// <summary>Gets the number of events ranked.</summary>
    public int EventCount { get; }

    /// <summary>Gets the touchpoints in rank order.</summary>
    public ImmutableArray<Hotspot> Hotspots { get; }
}
