namespace Harness.ActiveMq;

/// <summary>A user of the broker's <c>simpleAuthenticationPlugin</c>.</summary>
public sealed record BrokerUser(string Name, string Password, string Groups = "users");
