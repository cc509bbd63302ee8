using Functions.Framework.Processing;
using Functions.Runtime.Runtime;

namespace Functions.Framework;

/// <summary>
/// The handlers one <c>bootstrap</c> serves, by the name Lambda's <c>_HANDLER</c> (SAM's <c>Handler:</c>) selects,
/// case-insensitively. The first one added is also selected by <c>bootstrap</c> (what SAM templates usually set)
/// and by an empty value; an unknown name is an init error listing the known ones. Not thread-safe: fill it once,
/// then pass it to <see cref="FunctionHost.RunAsync"/>.
/// </summary>
/// <example><code>
/// new HandlerRegistry()
///     .Add("orders", BodyDecoders.Json(OrdersJsonContext.Default.Order), _ => new OrdersHandler())
///     .Add("echo", BodyDecoders.Bytes, _ => new EchoHandler());
/// </code></example>
public sealed class HandlerRegistry
{
    private const string SamDefaultHandler = "bootstrap";

    private readonly List<Registration> _handlers = [];

    /// <summary>
    /// Adds the handler <paramref name="name"/>: <paramref name="decoder"/> turns each message body into a
    /// <typeparamref name="T"/>, and <paramref name="create"/> builds the handler once, at init, only when it is
    /// the one selected (its argument has the settings, logger factory and clock).
    /// </summary>
    /// <returns>This registry, for the next <c>Add</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, <c>bootstrap</c>, or already added.</exception>
    public HandlerRegistry Add<T>(string name, IBodyDecoder<T> decoder, Func<LambdaHostEnvironment, IMessageHandler<T>> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(create);
        if (string.Equals(name, SamDefaultHandler, StringComparison.OrdinalIgnoreCase) || Find(name) is not null)
        {
            throw new ArgumentException($"'{name}' is reserved or already added.", nameof(name));
        }

        _handlers.Add(new Registration(name, environment => new MessageDispatcher<T>(decoder, create(environment))));
        return this;
    }

    /// <summary>The canonical handler name for a <c>_HANDLER</c> value.</summary>
    /// <exception cref="InitializationException">No handler has that name.</exception>
    internal string Resolve(string? handlerSetting)
    {
        if (_handlers.Count == 0)
        {
            throw new InitializationException("No handler is registered.");
        }

        var name = handlerSetting?.Trim();
        var defaultName = _handlers[0].Name;
        if (string.IsNullOrEmpty(name) || string.Equals(name, SamDefaultHandler, StringComparison.OrdinalIgnoreCase))
        {
            return defaultName;
        }

        return Find(name)?.Name
            ?? throw new InitializationException(
                $"_HANDLER '{name}' is not a known handler. Known handlers: {string.Join(", ", _handlers.Select(h => h.Name))} " +
                $"('{SamDefaultHandler}' or an empty value selects '{defaultName}').");
    }

    /// <summary>Builds the dispatcher for a name returned by <see cref="Resolve"/>.</summary>
    internal IMessageDispatcher Create(string name, LambdaHostEnvironment environment) =>
        _handlers.Find(h => string.Equals(h.Name, name, StringComparison.Ordinal))?.Create(environment)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Not a name returned by Resolve.");

    private Registration? Find(string name) =>
        _handlers.Find(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    private sealed record Registration(string Name, Func<LambdaHostEnvironment, IMessageDispatcher> Create);
}
