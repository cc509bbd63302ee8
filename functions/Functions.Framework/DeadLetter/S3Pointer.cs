namespace Functions.Framework.DeadLetter;

/// <summary>
/// The SQS body of a dead letter whose original body is too large for SQS and was stored in S3 as is. When the
/// properties did not fit in SQS either, <see cref="PropertiesKey"/> names the S3 object holding their JSON instead
/// of the <c>properties</c> attribute.
/// </summary>
internal sealed record S3Pointer(string Bucket, string Key, long Size, string? PropertiesKey = null);
