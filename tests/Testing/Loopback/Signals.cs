using System.Runtime.InteropServices;

namespace Actors.Testing;

/// <summary>POSIX signals to child processes: .NET's Process.Kill only sends SIGKILL.</summary>
public static class Signals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static void Terminate(int pid) => Send(pid, SigTerm);

    /// <summary>SIGINT: for PostgreSQL a fast shutdown, which disconnects clients instead of waiting for them.</summary>
    public static void Interrupt(int pid) => Send(pid, SigInt);

    public static void Kill(int pid) => Send(pid, SigKill);

    private static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            // ESRCH: the process is already gone.
            if (error != 3)
            {
                throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {error}.");
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
