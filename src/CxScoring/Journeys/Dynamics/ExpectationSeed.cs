using CxScoring.Model;


namespace CxScoring.Journeys.Dynamics;

/// <summary>
/// Gives the starting shift of a customer's zone of tolerance for a measure, from what the customer lived before the
/// first contact (history, segment, word of mouth), in units of the measure's scale: positive raises the bar (the zone
/// moves towards better), negative lowers it.
/// </summary>
/// <param name="customerId">The customer.</param>
/// <param name="segmentId">The customer's segment, or <see langword="null"/>.</param>
/// <param name="measure">The measure.</param>
/// <returns>The shift in scales; 0 for none.</returns>
public delegate double ExpectationSeed(string customerId, string? segmentId, Measure measure);
