using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>The queue an ActiveMQ message was read from.</summary>
public sealed record ActiveMqDestination
{
    /// <summary>The queue name; <c>physicalName</c> (or the old docs' <c>physicalname</c>).</summary>
    [JsonPropertyName("physicalName")]
    public string? PhysicalName { get; set; }
}
