using Stomp.Client;

namespace Stomp.Tests.Client;

public sealed class InboundBudgetTests
{
    [Fact]
    public void TryAdmit_MessageLargerThanTheLimitWithNothingOutstanding_GoesAlone()
    {
        var budget = new InboundBudget(100);

        Assert.True(budget.TryAdmit(250));
        Assert.Equal(250, budget.Outstanding);
        Assert.False(budget.TryAdmit(1));
    }

    [Theory]
    [InlineData(60, 40, true)]
    [InlineData(60, 41, false)]
    public void TryAdmit_SecondMessage_AdmittedOnlyWithinTheLimit(long first, long second, bool admitted)
    {
        var budget = new InboundBudget(100);
        Assert.True(budget.TryAdmit(first));

        Assert.Equal(admitted, budget.TryAdmit(second));
        Assert.Equal(admitted ? first + second : first, budget.Outstanding);
    }

    [Fact]
    public void Release_SettledBytes_FreeTheBudgetAndWakeTheReader()
    {
        var budget = new InboundBudget(100);
        Assert.True(budget.TryAdmit(80));
        var changed = budget.Changed;
        Assert.False(budget.TryAdmit(30));

        budget.Release(80);

        Assert.True(changed.IsCompletedSuccessfully);
        Assert.Equal(0, budget.Outstanding);
        Assert.True(budget.TryAdmit(30));
    }

    [Fact]
    public void TryAdmit_Overdraw_AdmitsOverTheLimit()
    {
        var budget = new InboundBudget(100);
        Assert.True(budget.TryAdmit(80));

        Assert.True(budget.TryAdmit(80, overdraw: true));
        Assert.Equal(160, budget.Outstanding);
    }

    [Fact]
    public void Nudge_WakesTheReaderWithoutFreeingAnything()
    {
        var budget = new InboundBudget(100);
        Assert.True(budget.TryAdmit(80));
        var changed = budget.Changed;

        budget.Nudge();

        Assert.True(changed.IsCompletedSuccessfully);
        Assert.False(budget.Changed.IsCompleted);
        Assert.Equal(80, budget.Outstanding);
    }
}
