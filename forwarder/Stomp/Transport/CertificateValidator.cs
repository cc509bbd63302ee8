using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Stomp.Transport;

/// <summary>
/// Checks the broker certificate against a custom CA file (or the system store when none is given) and, unless
/// disabled, its host name. Keeps the reason of a refusal for the error message.
/// </summary>
internal sealed class CertificateValidator(string? caCertificateFile, bool checkHostName)
{
    private readonly X509Certificate2Collection? _roots = caCertificateFile is null ? null : Load(caCertificateFile);

    public string? Failure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Failure = "the broker sent no certificate";
            return false;
        }

        if (checkHostName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Failure = $"the broker certificate ({certificate.Subject}) does not name the host connected to";
            return false;
        }

        if (_roots is null)
        {
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                Failure = $"the broker certificate ({certificate.Subject}) is not trusted by the system store; set CaCertificateFile";
                return false;
            }

            return true;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        if (!custom.Build(leaf))
        {
            var status = string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()));
            Failure = $"the broker certificate ({certificate.Subject}) does not chain to {caCertificateFile}: {status}";
            return false;
        }

        return true;
    }

    private static X509Certificate2Collection Load(string file)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(file);
        if (roots.Count == 0)
        {
            throw new ArgumentException($"CaCertificateFile '{file}' holds no PEM certificate", nameof(file));
        }

        return roots;
    }
}
