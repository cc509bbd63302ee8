namespace Functions.Handlers.Orders;

/// <summary>The business rules an order must meet before it is accepted.</summary>
internal static class OrderValidator
{
    /// <summary>Returns why <paramref name="order"/> is invalid (every problem, joined), or null when it is valid.</summary>
    public static string? Validate(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(order.OrderId))
        {
            problems.Add("orderId is missing");
        }

        if (string.IsNullOrWhiteSpace(order.CustomerId))
        {
            problems.Add("customerId is missing");
        }

        // ISO 4217 alphabetic codes are three upper-case letters; the producer has been seen sending "€" and "euro".
        if (order.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            problems.Add($"currency '{order.Currency}' is not an ISO 4217 code such as EUR");
        }

        if (order.Lines is not { Count: > 0 } lines)
        {
            problems.Add("the order has no lines");
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line is null)
                {
                    problems.Add($"lines[{i}] is null");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line.Sku))
                {
                    problems.Add($"lines[{i}].sku is missing");
                }

                if (line.Quantity <= 0)
                {
                    problems.Add($"lines[{i}].quantity is {line.Quantity}, must be at least 1");
                }

                if (line.UnitPrice < 0)
                {
                    problems.Add($"lines[{i}].unitPrice is {line.UnitPrice}, must not be negative");
                }
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
