using Functions.Handlers.Echo;
using Functions.Handlers.Orders;
using Functions.Runtime.Runtime;

namespace Functions.Handlers;

/// <summary>
/// The handlers this <c>bootstrap</c> knows, by the name <c>_HANDLER</c> gives. <c>bootstrap</c> (what SAM
/// templates usually set) and an empty value select <see cref="DefaultName"/>. To add a handler, implement
/// <see cref="IMessageHandler{T}"/> and add a line to <see cref="Create"/>.
/// </summary>
internal static class HandlerCatalog
{
    /// <summary>The handler <c>bootstrap</c> selects: the orders sample.</summary>
    public const string DefaultName = Orders;

    public const string Orders = "orders";
    public const string Echo = "echo";

    public static IReadOnlyList<string> Names { get; } = [Orders, Echo];

    /// <summary>The canonical handler name for a <c>_HANDLER</c> value; throws for an unknown one.</summary>
    /// <exception cref="InitializationException">No handler has that name.</exception>
    public static string Resolve(string? handlerSetting)
    {
        var name = handlerSetting?.Trim();
        if (string.IsNullOrEmpty(name) || string.Equals(name, "bootstrap", StringComparison.OrdinalIgnoreCase))
        {
            return DefaultName;
        }

        foreach (var known in Names)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new InitializationException(
            $"_HANDLER '{name}' is not a known handler. Known handlers: {string.Join(", ", Names)} " +
            $"('bootstrap' or an empty value selects '{DefaultName}').");
    }

    /// <summary>Creates the dispatcher for a name returned by <see cref="Resolve"/>.</summary>
    public static IMessageDispatcher Create(string name) => name switch
    {
        Orders => new MessageDispatcher<Order>(BodyDecoders.Json(FunctionsJsonContext.Default.Order), new OrdersHandler()),
        Echo => new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, new EchoHandler()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a name returned by Resolve."),
    };
}
