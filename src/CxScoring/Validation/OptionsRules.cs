using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CxScoring.Validation;

/// <summary>
/// The checks behind every options type's <c>Validate(string parameterName)</c>: each throws an argument exception
/// whose parameter name is the entry point's options parameter and whose message names the type, the property, its
/// value and the rule.
/// </summary>
internal static class OptionsRules
{
    /// <summary>Requires a reference to be set.</summary>
    /// <param name="value">The property's value.</param>
    /// <param name="property">The property, qualified by its type (<c>"ScorecardOptions.TimeZone"</c>).</param>
    /// <param name="parameterName">The entry point's parameter.</param>
    public static void NotNull([NotNull] object? value, string property, string parameterName)
    {
        if (value is null)
        {
            Invalid(parameterName, $"{property} is null; it must be set.");
        }
    }

    /// <summary>Requires an enum value to be one of the named values.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The property's value.</param>
    /// <param name="property">The property, qualified by its type.</param>
    /// <param name="parameterName">The entry point's parameter.</param>
    public static void Defined<TEnum>(TEnum value, string property, string parameterName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            OutOfRange(parameterName, $"{property} is {value}, which is not a defined {typeof(TEnum).Name}.");
        }
    }

    /// <summary>Requires a number in [0, 1].</summary>
    /// <param name="value">The property's value.</param>
    /// <param name="property">The property, qualified by its type.</param>
    /// <param name="parameterName">The entry point's parameter.</param>
    public static void InUnitInterval(double value, string property, string parameterName)
    {
        if (!(value >= 0 && value <= 1))
        {
            OutOfRange(parameterName, Format($"{property} is {value}; it must lie in [0, 1]."));
        }
    }

    /// <summary>Requires a finite number of at least 0.</summary>
    /// <param name="value">The property's value.</param>
    /// <param name="property">The property, qualified by its type (and key, for a dictionary entry).</param>
    /// <param name="parameterName">The entry point's parameter.</param>
    public static void FiniteAtLeastZero(double value, string property, string parameterName)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            OutOfRange(parameterName, Format($"{property} is {value}; it must be a finite number of at least 0."));
        }
    }

    /// <summary>Requires an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="value">The property's value.</param>
    /// <param name="min">The least value allowed.</param>
    /// <param name="max">The greatest value allowed.</param>
    /// <param name="property">The property, qualified by its type.</param>
    /// <param name="parameterName">The entry point's parameter.</param>
    public static void InRange(int value, int min, int max, string property, string parameterName)
    {
        if (value < min || value > max)
        {
            OutOfRange(
                parameterName,
                max == int.MaxValue
                    ? Format($"{property} is {value}; it must be at least {min}.")
                    : Format($"{property} is {value}; it must lie in [{min}, {max}]."));
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> for a property that breaks a rule other than a range.</summary>
    /// <param name="parameterName">The entry point's parameter.</param>
    /// <param name="message">The message, naming the type, the property and the rule.</param>
    [DoesNotReturn]
    public static void Invalid(string parameterName, string message) => throw new ArgumentException(message, parameterName);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> for a property outside its range.</summary>
    /// <param name="parameterName">The entry point's parameter.</param>
    /// <param name="message">The message, naming the type, the property, its value and the range.</param>
    [DoesNotReturn]
    public static void OutOfRange(string parameterName, string message) => throw new ArgumentOutOfRangeException(parameterName, message);

    /// <summary>Formats a message with the invariant culture, so numbers read the same everywhere.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The formatted message.</returns>
    public static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
