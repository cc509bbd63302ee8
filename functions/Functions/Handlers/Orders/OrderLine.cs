namespace Functions.Handlers.Orders;

/// <summary>One line of an <see cref="Order"/>.</summary>
internal sealed record OrderLine
{
    public string? Sku { get; init; }
    public int Quantity { get; init; }
    public decimal UnitPrice { get; init; }
}
