using System.Text.Json.Serialization;
using Functions.Framework;

namespace Functions.Handlers.Orders;

/// <summary>
/// The sample handler: accepts valid orders (here it only logs them; a real one would store them, keyed by
/// <see cref="MessageContext.OriginalId"/>), and calls an invalid one poison with the reasons.
/// </summary>
internal sealed class OrdersHandler : IMessageHandler<Order>
{
    public ValueTask<HandlerResult> HandleAsync(Order message, MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (OrderValidator.Validate(message) is { } problems)
        {
            return ValueTask.FromResult(HandlerResult.Poison($"invalid order: {problems}"));
        }

        decimal total;
        try
        {
            total = message.Lines!.Sum(l => l.Quantity * l.UnitPrice);
        }
        catch (OverflowException)
        {
            // Decimal arithmetic throws on overflow; the order's own numbers cause it, so no retry can succeed.
            return ValueTask.FromResult(HandlerResult.Poison($"invalid order: its total exceeds the largest decimal ({decimal.MaxValue})"));
        }

        context.Lambda.Logger.OrderAccepted(message.OrderId!, message.CustomerId!, message.Lines!.Count, total, message.Currency!);
        return ValueTask.FromResult(HandlerResult.Processed);
    }
}

/// <summary>
/// Source-generated (AOT-safe) JSON for <see cref="Order"/>. Reading is case-insensitive and accepts numbers sent
/// as strings, because the legacy producer is not consistent.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Order))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext;
