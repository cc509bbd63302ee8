using Functions.Framework;
using Functions.Handlers.Echo;
using Functions.Handlers.Orders;

namespace Functions;

/// <summary>The handlers this <c>bootstrap</c> serves, one line each; <c>_HANDLER</c> picks one (the first by default).</summary>
internal static class FunctionHandlers
{
    public static HandlerRegistry Registry { get; } = new HandlerRegistry()
        .Add("orders", BodyDecoders.Json(OrdersJsonContext.Default.Order), _ => new OrdersHandler())
        .Add("echo", BodyDecoders.Bytes, _ => new EchoHandler());
}
