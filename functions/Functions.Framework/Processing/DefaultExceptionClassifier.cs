using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Contract.Events;

namespace Functions.Framework.Processing;

/// <summary>
/// Permanent: <see cref="PermanentException"/> and unreadable or invalid data (<see cref="MessageBodyException"/>,
/// <see cref="JsonException"/>, <see cref="FormatException"/>, <see cref="InvalidDataException"/>,
/// <see cref="ValidationException"/>). Everything else is transient — timeouts, I/O, throttling, AWS errors
/// (an access-denied is a configuration to fix, not a bad message) and exceptions nobody anticipated — because
/// retrying a message that could have succeeded costs a redelivery, while dead-lettering it wrongly costs a human.
/// </summary>
internal sealed class DefaultExceptionClassifier : IExceptionClassifier
{
    public static DefaultExceptionClassifier Instance { get; } = new();

    public FailureKind Classify(Exception exception) => exception switch
    {
        TransientException => FailureKind.Transient,
        PermanentException or MessageBodyException or JsonException or FormatException or InvalidDataException
            or ValidationException => FailureKind.Permanent,
        _ => FailureKind.Transient,
    };
}
