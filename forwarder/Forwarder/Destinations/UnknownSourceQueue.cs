namespace Forwarder.Destinations;

/// <summary>
/// The queue name that stands for "some queue under this wildcard" when a wildcard subscription delivers a message
/// whose real queue cannot be known: the wildcard's literal segments before its first wildcard (<c>Orders.&gt;</c>
/// gives <c>Orders</c>), or <see cref="Fallback"/>. It names the parking queue such a message is kept in.
/// </summary>
internal static class UnknownSourceQueue
{
    public const string Fallback = "Unknown";

    public static string For(DestinationPattern wildcard)
    {
        var literal = string.Join('.', wildcard.Text.Split('.').TakeWhile(s => s is not ("*" or ">")));
        return literal.Length > 0 ? literal : Fallback;
    }
}
