using System.Runtime.CompilerServices;
using CxScoring.Gaps;

namespace CxScoring.Plans;

/// <summary>
/// A deterministic table of the prospect value function over scores in [−1, 1], read with linear interpolation,
/// for aggregate sums of felt value. Values are divided by <see cref="Scale"/> (the least power of two not below
/// λ) so that they lie in [−1, 1] and fit the scorecards' fixed-point sums.
/// </summary>
/// <remarks>
/// Nodes are i/<see cref="Steps"/>; at the nodes the table equals <see cref="ProspectValueFunction.Evaluate(double)"/>.
/// Between them the error is largest in the first interval, where x^α is steepest: with 4096 steps and the published
/// parameters it stays below 1e-4 (absolute, before division by the scale). Immutable and thread-safe.
/// </remarks>
internal sealed class FeltTable
{
    internal const int Steps = 4096;

    internal const int Stride = Steps + 2;

    // [gains 0..Steps, pad][losses 0..Steps, pad]
    private readonly double[] _values = new double[2 * Stride];

    internal FeltTable(ProspectValueFunction function)
    {
        Function = function;
        Scale = 1.0;
        while (Scale < function.Lambda)
        {
            Scale *= 2;
        }

        for (var i = 0; i <= Steps; i++)
        {
            var x = (double)i / Steps;
            _values[i] = function.Evaluate(x) / Scale;
            _values[Stride + i] = function.Evaluate(-x) / Scale;
        }

        _values[Steps + 1] = _values[Steps];
        _values[Stride + Steps + 1] = _values[Stride + Steps];
    }

    /// <summary>Gets the table: gains at 0 to <see cref="Steps"/>, a pad, then losses at <see cref="Stride"/> onwards, a pad.</summary>
    internal double[] Values => _values;

    /// <summary>Gets the value function the table approximates.</summary>
    internal ProspectValueFunction Function { get; }

    /// <summary>Gets the power of two that felt values are divided by.</summary>
    internal double Scale { get; }

    /// <summary>Evaluates felt value / <see cref="Scale"/> for a score in [−1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Normalised(double score)
    {
        var a = Math.Abs(score) * Steps;
        var i = (int)Math.Min((uint)double.ConvertToIntegerNative<int>(a), (uint)Steps);
        var fraction = a - i;
        var at = i + (score < 0 ? Stride : 0);
        ref var start = ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_values), at);
        return start + ((Unsafe.Add(ref start, 1) - start) * fraction);
    }
}
