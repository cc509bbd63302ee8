using System.Globalization;
using LocalEventSource;
using LocalPipeline.Reporting;
using LocalPipeline.Tracking;
using Microsoft.Extensions.Logging;

namespace LocalPipeline.Run;

/// <summary>What the stages of one run share: the options, the work folder and its log files, the view, the tracker.</summary>
internal sealed class PipelineRun : IDisposable
{
    private readonly TextWriterLoggerFactory _loggers;
    private readonly TextWriter _functionLog;

    private PipelineRun(PipelineOptions options, ConsoleView view, string runId, string workDirectory)
    {
        Options = options;
        View = view;
        RunId = runId;
        WorkDirectory = workDirectory;
        _loggers = TextWriterLoggerFactory.ForFile(WorkFile("pipeline.log"), LogLevel.Information);
        _functionLog = OpenLog("function.log");
        Tracker = new PipelineTracker(Time, _functionLog.WriteLine);
    }

    public PipelineOptions Options { get; }

    /// <summary>The clock of the tracker's timestamps (and so of latencies and the settle timeout).</summary>
    public TimeProvider Time { get; } = TimeProvider.System;

    public ConsoleView View { get; }

    /// <summary>Stamped on every sample id the producer sends.</summary>
    public string RunId { get; }

    public string WorkDirectory { get; }

    /// <summary>The pipeline's own log (pipeline.log).</summary>
    public ILoggerFactory Loggers => _loggers;

    public PipelineTracker Tracker { get; }

    /// <summary>Creates the work folder (<see cref="PipelineOptions.WorkDirectory"/> or a new temp folder) and its logs.</summary>
    public static PipelineRun Create(PipelineOptions options, ConsoleView view)
    {
        var runId = "r" + DateTimeOffset.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "mq-pipeline", $"{runId}-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(work);
        return new PipelineRun(options, view, runId, work);
    }

    public string WorkFile(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>A thread-safe, auto-flushed log file in the work folder; the caller disposes it.</summary>
    public TextWriter OpenLog(string name) => TextWriter.Synchronized(new StreamWriter(WorkFile(name)) { AutoFlush = true });

    public void Dispose()
    {
        _functionLog.Dispose();
        _loggers.Dispose();
    }
}
