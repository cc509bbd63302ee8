using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Stomp.IntegrationTests;

/// <summary>stomp+ssl against the fixture broker, whose self-signed certificate names only <c>localhost</c>.</summary>
[Collection(StompBrokerGroup.Name)]
public sealed class TlsTests(StompBrokerFixture fixture)
{
    [Fact]
    public async Task ConnectAsync_CustomCaFile_Accepted()
    {
        await using var client = await StompClient.ConnectAsync(TlsOptions("localhost"), null, Ct);

        Assert.Equal("1.2", client.Version);
        var queue = "/queue/" + Testing.TestNames.UniqueQueue("Tls");
        await client.SendAsync(queue, [], "over tls"u8.ToArray(), cancellationToken: Ct);
        await using var sub = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var m = await sub.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("over tls"u8.ToArray(), m.Body.ToArray());
        await m.AckAsync(Ct);
    }

    [Fact]
    public async Task ConnectAsync_WrongHostName_Rejected()
    {
        var ex = await Assert.ThrowsAsync<StompConnectionException>(() =>
            StompClient.ConnectAsync(TlsOptions("127.0.0.1"), null, Ct));

        Assert.Contains("does not name the host", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_HostNameCheckOff_AcceptsWrongHostNameAndWarns()
    {
        var logger = new FakeLogger();
        await using var client = await StompClient.ConnectAsync(TlsOptions("127.0.0.1") with { CheckHostName = false }, logger, Ct);

        Assert.True(client.IsConnected);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("host-name check is OFF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_NoCaFile_SelfSignedCertificateRejected()
    {
        var ex = await Assert.ThrowsAsync<StompConnectionException>(() =>
            StompClient.ConnectAsync(TlsOptions("localhost") with { CaCertificateFile = null }, null, Ct));

        Assert.Contains("not trusted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_OtherCaFile_Rejected()
    {
        var otherCa = Path.Combine(Path.GetTempPath(), $"other-ca-{Guid.NewGuid():N}.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=localhost", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherCa, cert.ExportCertificatePem(), Ct);
        }

        try
        {
            var ex = await Assert.ThrowsAsync<StompConnectionException>(() =>
                StompClient.ConnectAsync(TlsOptions("localhost") with { CaCertificateFile = otherCa }, null, Ct));

            Assert.Contains("does not chain to", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(otherCa);
        }
    }

    private StompClientOptions TlsOptions(string host)
    {
        var ssl = fixture.Broker.StompSslUri!;
        return fixture.ClientOptions with
        {
            Endpoint = new Uri($"stomp+ssl://{host}:{ssl.Port}"),
            CaCertificateFile = fixture.Broker.CaCertificateFile,
        };
    }
}
