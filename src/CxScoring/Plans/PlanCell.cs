using System.Runtime.InteropServices;

namespace CxScoring.Plans;

/// <summary>
/// The hot part of one plan cell (touchpoint × measure × segment): what the engine needs to score an outcome
/// without looking anything up. Cells whose promise depends on time, deadlines and cells that refuse every outcome
/// take the plan's general path instead.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PlanCell
{
    /// <summary>The cell is scored by the fast path: a promise in force at all times, an expectation, a valid zone.</summary>
    internal const int FastFlag = 1;

    /// <summary>The measure is nearer-to-target: levels become distances to <see cref="Target"/>.</summary>
    internal const int TargetFlag = 2;

    /// <summary>The measure is yes/no: only 0 and 1 are admitted.</summary>
    internal const int YesNoFlag = 4;

    /// <summary>The promised level, mapped to the polarity's value space (fast cells).</summary>
    internal double Promised;

    /// <summary>The adequate level, resolved against the promise and mapped (fast cells).</summary>
    internal double Adequate;

    /// <summary>The desired level, resolved against the promise and mapped (fast cells).</summary>
    internal double Desired;

    /// <summary>The sign of the measure's polarity.</summary>
    internal double Sign;

    /// <summary>1 / scale of the measure.</summary>
    internal double InverseScale;

    /// <summary>Sign · 1 / scale: multiplying by it equals multiplying by the sign, then by 1 / scale, bit for bit.</summary>
    internal double SignedInverseScale;

    /// <summary>The lowest admitted delivered value.</summary>
    internal double Low;

    /// <summary>The highest admitted delivered value.</summary>
    internal double High;

    /// <summary>The target of a nearer-to-target measure; 0 otherwise.</summary>
    internal double Target;

    /// <summary>A combination of <see cref="FastFlag"/>, <see cref="TargetFlag"/> and <see cref="YesNoFlag"/>.</summary>
    internal int Flags;
}

/// <summary>
/// The part of a plan cell the engine reads per outcome, 32 bytes: the resolved levels of a fast cell and its signed
/// inverse scale; <see cref="SignedInverseScale"/> is NaN for cells that take the general path.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FastCell
{
    /// <summary>The adequate level, resolved and mapped.</summary>
    internal double Adequate;

    /// <summary>The desired level, resolved and mapped.</summary>
    internal double Desired;

    /// <summary>The promised level, mapped.</summary>
    internal double Promised;

    /// <summary>Sign · 1 / scale of the measure, or NaN when the cell is not fast.</summary>
    internal double SignedInverseScale;
}

/// <summary>What every cell of one measure shares, 32 bytes: its admissible range, its target and its kind's flags.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MeasureLimits
{
    /// <summary>The lowest admitted delivered value.</summary>
    internal double Low;

    /// <summary>The highest admitted delivered value.</summary>
    internal double High;

    /// <summary>The target of a nearer-to-target measure; 0 otherwise.</summary>
    internal double Target;

    /// <summary><see cref="PlanCell.TargetFlag"/> and <see cref="PlanCell.YesNoFlag"/>, as they apply (64 bits, so that the struct is 32 bytes without padding).</summary>
    internal long Flags;
}
