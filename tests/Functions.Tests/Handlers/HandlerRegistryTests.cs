namespace Functions.Tests.Handlers;

public sealed class HandlerRegistryTests
{
    [Theory]
    [InlineData("orders")]
    [InlineData("ORDERS")]
    [InlineData("bootstrap")]
    public void Add_NameTakenOrReserved_Throws(string name)
    {
        var registry = new HandlerRegistry().Add("orders", BodyDecoders.Text, _ => new Processing.DelegateHandler<string>((_, _, _) => ValueTask.FromResult(HandlerResult.Processed)));

        var error = Assert.Throws<ArgumentException>(() => registry.Add(name, BodyDecoders.Bytes, _ => null!));

        Assert.StartsWith($"'{name}' is reserved or already added.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingRegistered_InitError() =>
        Assert.Equal("No handler is registered.", Assert.Throws<InitializationException>(() => new HandlerRegistry().Resolve(null)).Message);
}
