using Amazon.S3;
using Amazon.S3.Model;

namespace Functions.Tests.DeadLetter;

/// <summary>An S3 client that keeps put objects in memory.</summary>
internal sealed class FakeS3Client() : AmazonS3Client(new BasicAWSCredentials("x", "y"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true })
{
    public Dictionary<string, byte[]> Objects { get; } = [];

    public override async Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var copy = new MemoryStream();
        await request.InputStream.CopyToAsync(copy, cancellationToken);
        Objects[$"{request.BucketName}/{request.Key}"] = copy.ToArray();
        return new PutObjectResponse();
    }
}
