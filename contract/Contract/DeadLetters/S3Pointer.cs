namespace Contract.DeadLetters;

/// <summary>
/// The SQS body of a dead letter whose original body is too large for SQS and was stored in S3 as is. When the
/// properties did not fit in SQS either, <see cref="PropertiesKey"/> names the S3 object holding their JSON instead
/// of the <c>properties</c> attribute.
/// </summary>
/// <param name="Bucket">The bucket holding the body.</param>
/// <param name="Key">The body's object key.</param>
/// <param name="Size">The body's length in bytes.</param>
/// <param name="PropertiesKey">The object holding the properties' JSON, or null when they are the <c>properties</c> attribute.</param>
public sealed record S3Pointer(string Bucket, string Key, long Size, string? PropertiesKey = null);
