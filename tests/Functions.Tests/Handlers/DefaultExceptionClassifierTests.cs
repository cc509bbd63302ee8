using Contract.Events;

namespace Functions.Tests.Handlers;

public sealed class DefaultExceptionClassifierTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new PermanentException("no"), true },
        { new JsonException("bad"), true },
        { new FormatException("bad"), true },
        { new InvalidDataException("bad"), true },
        { new System.ComponentModel.DataAnnotations.ValidationException("bad"), true },
        { new MessageBodyException("ID:1", "not UTF-8"), true },
        { new TransientException("later"), false },
        { new TimeoutException(), false },
        { new IOException(), false },
        { new HttpRequestException(), false },
        { new Amazon.Runtime.AmazonServiceException("Rate exceeded") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ThrottlingException" }, false },
        { new Amazon.Runtime.AmazonServiceException("denied") { StatusCode = System.Net.HttpStatusCode.Forbidden }, false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Exception_PermanentOrTransient(Exception exception, bool permanent) =>
        Assert.Equal(permanent ? FailureKind.Permanent : FailureKind.Transient, DefaultExceptionClassifier.Instance.Classify(exception));
}
