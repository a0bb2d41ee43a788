namespace CxScoring.Reports.Html;

/// <summary>What the what-if page shows beyond the what-ifs themselves: its title and notes on the input.</summary>
/// <remarks>The properties are init-only; an instance can be shared between threads once created.</remarks>
public sealed class WhatIfHtmlOptions
{
    /// <summary>Gets the default options.</summary>
    public static WhatIfHtmlOptions Default { get; } = new();

    /// <summary>Gets the title of the page.</summary>
    /// <value>The default value is <see langword="null"/>: "What-if" and the model's name.</value>
    public string? Title { get; init; }

    /// <summary>Gets lines of text about the input shown under the title, such as which files were read and how many records were malformed.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
