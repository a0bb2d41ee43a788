using System.Buffers.Binary;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using NodaTime;

namespace CxScoring.Tests.Scorecards.State;

/// <summary>Scorecards of the engine test model with the calendar and customer settings a state carries, and a way to re-stamp a state's checksum after editing it.</summary>
internal static class StateTestData
{
    internal static readonly ScoringPlan Plan = ScoringPlan.Compile(EngineTestData.Model);

    internal static readonly ScoringEngine Engine = new(Plan, new ScoringEngineOptions { MaxDegreeOfParallelism = 1 });

    internal static readonly CustomerDirectory Customers = new();

    /// <summary>The settings a state may be written with: periods, customers and touchpoint periods on or off, two zones, two week starts.</summary>
    internal static ScorecardOptions OptionsOf(int variant) => new()
    {
        TimeZone = (variant & 1) == 0 ? EngineTestData.Berlin : DateTimeZone.Utc,
        WeekStart = (variant & 2) == 0 ? IsoDayOfWeek.Monday : IsoDayOfWeek.Sunday,
        ByPeriod = (variant & 4) == 0,
        ByCustomer = (variant & 8) == 0,
        ByTouchpointPeriod = (variant & 4) == 0 && (variant & 16) != 0,
        Customers = Customers,
    };

    internal static Scorecard ScorecardOf(IEnumerable<Outcome> outcomes, ScorecardOptions options)
    {
        var builder = Engine.CreateScorecardBuilder(options);
        Engine.ScoreOutcomes(outcomes.ToArray(), builder);
        return builder.Build();
    }

    /// <summary>Rewrites the CRC-32C trailer so that an edited state passes the checksum and reaches the structural checks.</summary>
    internal static byte[] Restamp(byte[] state)
    {
        var copy = (byte[])state.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - 4), Crc32C(copy.AsSpan(0, copy.Length - 4)));
        return copy;
    }

    /// <summary>CRC-32C bit by bit (reflected polynomial 0x82F63B78), independent of the library's table-free hardware path.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
