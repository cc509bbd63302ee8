using LocalPipeline.Stages;

namespace LocalPipeline.Run;

/// <summary>
/// moto (<see cref="Stages.Moto"/>) with the function's SQS dead-letter queue, <c>&lt;queue&gt;-dlq</c> (dots as
/// dashes: SQS refuses them in a name, ActiveMQ names use them for hierarchy).
/// </summary>
internal sealed class MotoStage(PipelineRun run) : IPipelineStage
{
    private Moto? _moto;

    public string Name => "moto";

    /// <summary>The running moto; only after <see cref="StartAsync"/>.</summary>
    public Moto Moto => _moto ?? throw new InvalidOperationException("moto is not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        run.View.Step("starting moto (SQS dead-letter queue)…");
        _moto = await Moto.StartAsync(run.Options.Queue.Replace('.', '-') + "-dlq", run.WorkFile("moto.log"), cancellationToken).ConfigureAwait(false);
        run.View.Step($"  SQS {_moto.DeadLetterQueueUrl}");
        if (run.Options.IdempotencyTable is { } table)
        {
            await _moto.CreateIdempotencyTableAsync(table, cancellationToken).ConfigureAwait(false);
            run.View.Step($"  DynamoDB idempotency table {table}");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_moto is not null)
        {
            run.View.Step($"stopping {Name}…");
            await _moto.DisposeAsync().ConfigureAwait(false);
        }
    }
}
