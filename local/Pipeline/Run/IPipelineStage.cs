namespace LocalPipeline.Run;

/// <summary>
/// One part of the local pipeline (a broker, moto, the forwarder, the event source…). <see cref="PipelineRunner"/>
/// starts the stages in order and stops them in reverse order, also when a later start fails or the run is
/// cancelled: <see cref="StopAsync"/> stops whatever <see cref="StartAsync"/> got running, nothing if it never ran.
/// </summary>
internal interface IPipelineStage
{
    /// <summary>What the stage is, for progress and error lines ("broker cloud", "forwarder").</summary>
    string Name { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the stage; the runner passes <see cref="CancellationToken.None"/>, as a stop must finish.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
