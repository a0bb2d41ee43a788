namespace CxScoring.OutcomeFiles;

/// <summary>What an outcome reader does with a record it cannot read.</summary>
public enum MalformedRecordPolicy
{
    /// <summary>Throw a <see cref="MalformedOutcomeException"/> naming the line and field at the first malformed record.</summary>
    FailFast = 0,

    /// <summary>Report the record (in <see cref="OutcomeReadReport.Errors"/> and the callback), count it and go on with the next one.</summary>
    CollectAndContinue = 1,
}
