using Functions.Handlers.Orders;

namespace Functions.Tests.Handlers;

public sealed class OrderValidatorTests
{
    private static readonly Order Valid = new()
    {
        OrderId = "ORD-1001",
        CustomerId = "C-42",
        Currency = "EUR",
        Lines = [new OrderLine { Sku = "A-1", Quantity = 2, UnitPrice = 9.95m }],
    };

    [Fact]
    public void Validate_ValidOrder_Null() => Assert.Null(OrderValidator.Validate(Valid));

    [Fact]
    public void Validate_MissingId_Says() =>
        Assert.Equal("orderId is missing", OrderValidator.Validate(Valid with { OrderId = " " }));

    [Fact]
    public void Validate_NoLines_Says()
    {
        Assert.Equal("the order has no lines", OrderValidator.Validate(Valid with { Lines = [] }));
        Assert.Equal("the order has no lines", OrderValidator.Validate(Valid with { Lines = null }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_QuantityNotPositive_Says(int quantity) =>
        Assert.Equal($"lines[0].quantity is {quantity}, must be at least 1",
            OrderValidator.Validate(Valid with { Lines = [new OrderLine { Sku = "A-1", Quantity = quantity, UnitPrice = 1 }] }));

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("€")]
    [InlineData(null)]
    public void Validate_BadCurrency_Says(string? currency) =>
        Assert.Equal($"currency '{currency}' is not an ISO 4217 code such as EUR", OrderValidator.Validate(Valid with { Currency = currency }));

    [Fact]
    public void Validate_SeveralProblems_ListsAll() =>
        Assert.Equal("orderId is missing; customerId is missing; lines[0].sku is missing; lines[0].unitPrice is -1, must not be negative",
            OrderValidator.Validate(Valid with { OrderId = null, CustomerId = null, Lines = [new OrderLine { Quantity = 1, UnitPrice = -1 }] }));
}
