namespace Contract.DeadLetters;

/// <summary>
/// The message attributes every SQS dead letter the functions write carries, and their values: the format the
/// functions write and <c>forwarder redrive</c> reads.
/// </summary>
public static class DeadLetterAttributes
{
    /// <summary>How to read the SQS body: <see cref="Utf8"/>, <see cref="Base64"/>, <see cref="S3"/> or <see cref="Empty"/>.</summary>
    public const string BodyEncoding = "body-encoding";

    /// <summary>Where the message came from, its JMS headers and why it failed, as one camelCase JSON object.</summary>
    public const string Provenance = "provenance";

    /// <summary>The producer's properties as one JSON object of strings (absent when they were stored in S3).</summary>
    public const string Properties = "properties";

    /// <summary>The body is the original bytes as UTF-8 text.</summary>
    public const string Utf8 = "utf-8";

    /// <summary>The body is the original bytes in base64: they were not SQS-safe UTF-8.</summary>
    public const string Base64 = "base64";

    /// <summary>The body is an <see cref="S3Pointer"/>; the original bytes are the S3 object.</summary>
    public const string S3 = "s3";

    /// <summary>The original body was empty; SQS needs at least one character, so the body is <see cref="EmptyBody"/>.</summary>
    public const string Empty = "empty";

    /// <summary>The placeholder body of an <see cref="Empty"/> dead letter.</summary>
    public const string EmptyBody = "(empty body)";
}
