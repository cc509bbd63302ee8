namespace Functions.Framework.Processing;

/// <summary>Decides whether an exception a handler threw is worth a retry.</summary>
internal interface IExceptionClassifier
{
    FailureKind Classify(Exception exception);
}
