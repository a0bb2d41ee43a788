using CxScoring.Gaps;

var felt = ProspectValueFunction.Default;
Console.WriteLine($"A shortfall of one full gap feels like {felt.Evaluate(-1):0.00}; a surplus of one like {felt.Evaluate(1):0.00}.");
