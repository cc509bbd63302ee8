namespace Functions.DeadLetter;

/// <summary>The SQS body of a dead letter whose original body is too large for SQS and was stored in S3 as is.</summary>
internal sealed record S3Pointer(string Bucket, string Key, long Size);
