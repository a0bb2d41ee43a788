using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CxScoring.Surveys;

/// <summary>Throw helpers shared by the survey instruments, so that guards stay small and messages uniform.</summary>
internal static class SurveyThrow
{
    [DoesNotReturn]
    public static void AnswerOutOfRange(string paramName, int respondent, string what, double answer, int min, int max)
        => throw new ArgumentOutOfRangeException(
            paramName,
            answer,
            string.Create(CultureInfo.InvariantCulture, $"Respondent {respondent}, {what}: answer {answer} is outside the {min}–{max} scale."));

    [DoesNotReturn]
    public static void Argument(string paramName, string message)
        => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void EmptySample(string paramName)
        => throw new ArgumentException("The sample is empty; at least one response is required.", paramName);
}
