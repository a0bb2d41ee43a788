using CxScoring.Gaps;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

// Exercises the packed assemblies: the core package and the DI package, as a user would reference them.
using var provider = new ServiceCollection().AddCxScoring().BuildServiceProvider();
var clock = provider.GetRequiredService<IClock>();
var felt = ProspectValueFunction.Default.Evaluate(-1);
if (Math.Abs(felt + 2.25) > 1e-12)
{
    Console.Error.WriteLine($"package-consumer: expected v(-1) = -2.25, got {felt}");
    return 1;
}

Console.WriteLine($"package-consumer: CxScoring package restored and ran (v(-1) = {felt}, clock {clock.GetType().Name}).");
return 0;
