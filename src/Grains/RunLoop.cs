namespace Actors;

/// <summary>
/// A grain's long work, run as Orleans allows: in an interleaving grain timer, never inside a grain
/// call (so reads and cancel answer while it runs), kept alive while it runs, with a watchdog
/// reminder held while the work is unfinished: after the grain's silo dies, the reminder's next tick
/// activates the grain elsewhere and it calls <see cref="Ensure"/> again. The grain says what is
/// unfinished: it calls <see cref="Ensure"/> from its activation or the tick while there is work, and
/// <see cref="StopWatchingAsync"/> once there is none. The work resumes from the grain's state, so it
/// must be safe to start again (ticks may be missed or doubled).
/// </summary>
public sealed class RunLoop(IGrainBase grain, string watchdogName, TimeSpan watchdogPeriod, Func<CancellationToken, Task> work, ILogger logger)
{
    private IGrainTimer? _timer;
    private CancellationTokenSource? _stop;
    private IGrainReminder? _watchdog;

    /// <summary>True while the work runs on this activation.</summary>
    public bool IsRunning => _timer is not null;

    /// <summary>Whether a reminder tick is this loop's watchdog.</summary>
    public bool IsWatchdog(string reminderName) => reminderName == watchdogName;

    /// <summary>Registers the watchdog. Before the work is persisted: a watchdog with no work drops itself, while unwatched work could be stranded.</summary>
    public async Task WatchAsync() =>
        _watchdog = await grain.RegisterOrUpdateReminder(watchdogName, watchdogPeriod, watchdogPeriod);

    /// <summary>Starts the work unless it runs already.</summary>
    public void Ensure()
    {
        if (_timer is not null)
        {
            return;
        }
        _stop = new CancellationTokenSource();
        // Interleave: the work awaits long operations, during which the grain's other calls must get through.
        // KeepAlive: a grain whose work is waiting is not collected as idle.
        _timer = grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    /// <summary>Cancels the running work's token (the work's own state says why it was stopped).</summary>
    public void Stop() => _stop?.Cancel();

    /// <summary>Drops the watchdog; a failure is logged, and the next tick finds no work and tries again.</summary>
    public async Task StopWatchingAsync()
    {
        try
        {
            // The handle from registering saves a lookup; a stale one (the reminder was registered
            // again elsewhere since) is refused, and the lookup finds the current one.
            if (_watchdog is { } known)
            {
                _watchdog = null;
                try
                {
                    await grain.UnregisterReminder(known);
                    return;
                }
                catch (Exception ex) when (ex is not OrleansException || ex is ReminderException)
                {
                    logger.LogDebug(ex, "{GrainType} {GrainKey} looks its watchdog up again", GrainType, GrainKey);
                }
            }
            if (await grain.GetReminder(watchdogName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{GrainType} {GrainKey} could not drop its watchdog; its next tick tries again", GrainType, GrainKey);
        }
    }

    /// <param name="deactivating">Cancelled by Orleans when the activation goes; linked with <see cref="Stop"/> for the work.</param>
    private async Task RunAsync(CancellationToken deactivating)
    {
        var stop = _stop!;
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, deactivating);
        try
        {
            await work(stopped.Token);
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            // Stopped on purpose, or the activation is going away: the watchdog brings unfinished work back.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{GrainType} {GrainKey} stopped its work unfinished; its watchdog resumes it", GrainType, GrainKey);
        }
        finally
        {
            // Disposed only now: disposing a grain timer cancels the callback it is running.
            _timer?.Dispose();
            _timer = null;
            _stop = null;
            stop.Dispose();
        }
    }

    private GrainType GrainType => grain.GrainContext.GrainId.Type;

    private IdSpan GrainKey => grain.GrainContext.GrainId.Key;
}
