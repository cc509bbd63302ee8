using System.Text.Json.Serialization;

namespace Contract.Tests.Events;

internal sealed record TestOrder(string OrderId, string CustomerId, string Currency, IReadOnlyList<TestOrderLine> Lines);

internal sealed record TestOrderLine(string Sku, int Quantity, decimal UnitPrice);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TestOrder))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
