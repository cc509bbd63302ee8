namespace LocalChaos.Reporting;

/// <summary>Sample ids found on the brokers' dead-letter queues after a case settled.</summary>
internal sealed record DeadLetterFinds(IReadOnlySet<string> OnPrem, IReadOnlySet<string> Cloud, IReadOnlySet<string> Expired)
{
    public static DeadLetterFinds None { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}
