#!/usr/bin/env python3
"""Top costs from a dotnet-trace sample converted to speedscope (dotnet-trace convert --format speedscope).

Thread-time samples include threads that wait. The converter ends every stack with CPU_TIME (managed
code running) or UNMANAGED_CODE_TIME (in native code: mostly waiting); only CPU_TIME stacks are kept,
so what remains approximates managed CPU. Prints the methods most often on the stack of the
remaining samples (inclusive) and most often innermost (exclusive), as shares of the busy samples.
    python3 bench/peers/hot.py trace.speedscope.json [N] [filter]
"""
import json, sys, collections

WAITS = ('WaitOneNoCheck', 'WaitNative', 'Monitor.Wait', 'WaitMultiple', 'LowLevelSpinWaiter', 'Interop+Sys.Read',
         'SocketAsyncEngine', 'WaitForSignal', 'Thread.Sleep', 'epoll', 'PollGC', 'Missing Symbol', 'SpinWait', 'Thread.Yield',
         'WaitForPendingFinalizers', 'Interop+Sys.WaitForSocketEvents', 'Interop+Sys.Poll')

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
only = sys.argv[3] if len(sys.argv) > 3 else None
doc = json.load(open(path))
frames = [f['name'] for f in doc['shared']['frames']]
inclusive = collections.Counter()
exclusive = collections.Counter()
busy = 0


def count(stack, w):
    """Counts a CPU_TIME stack; returns its weight, or 0 when it was not running managed code."""
    if not stack or frames[stack[-1]] != 'CPU_TIME' or len(stack) < 2:
        return 0
    leaf = frames[stack[-2]]
    if any(x in leaf for x in WAITS):
        return 0
    exclusive[leaf] += w
    for name in set(frames[i] for i in stack[:-1]):
        if not name.startswith('Thread (') and name not in ('Threads', '(Non-Activities)') and not name.startswith('Process64'):
            inclusive[name] += w
    return w


for profile in doc['profiles']:
    if profile.get('type') == 'evented':
        # Evented profiles: open/close events with times; weight each leaf interval.
        stack = []
        last = None
        for ev in profile['events']:
            if last is not None and stack:
                w = ev['at'] - last
                busy += count(stack, w)
            if ev['type'] == 'O':
                stack.append(ev['frame'])
            else:
                if stack:
                    stack.pop()
            last = ev['at']
    else:
        for sample, weight in zip(profile['samples'], profile['weights']):
            busy += count(sample, weight)

def show(title, counter):
    print(title)
    shown = 0
    for name, w in counter.most_common():
        if only and only not in name:
            continue
        print(f"{100.0 * w / busy:6.2f}%  {name[:150]}")
        shown += 1
        if shown >= top:
            break
    print()

show('inclusive (share of busy samples with the method on the stack)', inclusive)
show('exclusive (share of busy samples with the method innermost)', exclusive)
