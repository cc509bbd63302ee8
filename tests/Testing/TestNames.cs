namespace Testing;

/// <summary>Names that do not collide between tests sharing one broker.</summary>
public static class TestNames
{
    /// <summary><c>Orders-1a2b3c4d</c>: the prefix plus 8 random hex digits (no dots, so <c>{name}.&gt;</c> wildcards stay yours).</summary>
    public static string UniqueQueue(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
