namespace Functions.Handlers.Orders;

/// <summary>
/// An order as the legacy producer sends it, e.g.
/// <c>{"orderId":"ORD-1001","customerId":"C-42","currency":"EUR","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.95}]}</c>.
/// Everything is nullable because the producer is not trusted: <see cref="OrderValidator"/> says what is missing.
/// </summary>
internal sealed record Order
{
    public string? OrderId { get; init; }
    public string? CustomerId { get; init; }
    public string? Currency { get; init; }
    public IReadOnlyList<OrderLine>? Lines { get; init; }
}
