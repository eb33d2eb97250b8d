#!/usr/bin/env python3
"""Time from spawning stepwise in an 80x24 pseudo-terminal to its first frame,
bytes written per cursor move, and peak memory, on a 20,000-test run.

    cargo build --release
    target/release/stepwise --store /tmp/big demo --cases 20000
    python3 benches/pty_first_frame.py /tmp/big

Prints the median and minimum of 7 starts for the home screen, for the
dashboard of the 20,000-test run (its first frame: summary, donut and
counts; then with the list of tests drawn), and for `less` on a
20,000-line file as a yardstick; then the bytes stepwise writes per cursor
move on that dashboard (mean over 100 moves) and its peak resident memory.
A frame counts as drawn when a string that only the finished frame holds
has been written (ratatui skips unchanged cells, so the needle has no
spaces).
"""
import sys
import os, pty, time, sys, select, struct, fcntl, termios, statistics
def first_frame(argv, needle, env_extra={}, moves=0):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", **env_extra)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    t0 = time.perf_counter(); buf = b""
    while needle not in buf:
        r,_,_ = select.select([fd],[],[],5)
        if not r: break
        try: buf += os.read(fd, 65536)
        except OSError: break
    t = time.perf_counter() - t0
    if moves:
        # Let the list arrive, then count what each move writes.
        time.sleep(1.0)
        drain(fd)
        total = 0
        for _ in range(moves):
            os.write(fd, b"j")
            time.sleep(0.03)
            total += len(drain(fd))
        t = total / moves
    # Quit and let it close the store cleanly (a kill would make the next
    # start check the store on a copy, which is not what is measured here).
    os.write(fd, b"q")
    deadline = time.time() + 5
    while time.time() < deadline:
        try: os.read(fd, 65536)
        except OSError: pass
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done: break
        time.sleep(0.02)
    else:
        os.kill(pid, 9); os.waitpid(pid, 0)
    return t
def drain(fd):
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r: return out
        try: out += os.read(fd, 65536)
        except OSError: return out
STORE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/big"
open("/tmp/lines.txt","w").write("".join(f"line {i} of the file\n" for i in range(20000)))
n = 7
ts = [first_frame(["target/release/stepwise","--store",STORE], b"Full regression") for _ in range(n)]
print("home first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
OPEN = ["target/release/stepwise","--store",STORE,"--project","LOAD","open","1"]
ts = [first_frame(OPEN, b"/20000") for _ in range(n)]
print("dashboard (20000 tests) first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
ts = [first_frame(OPEN, b"LOAD-11") for _ in range(n)]
print("dashboard (20000 tests) with the list ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
b = first_frame(OPEN, b"LOAD-11", moves=100)
print("bytes written per cursor move: %.0f" % b)
first_frame(["/usr/bin/time", "-f", "%M", "-o", "/tmp/stepwise-rss.txt"] + OPEN, b"LOAD-11", moves=20)
print("peak RSS of the dashboard session: %s KB" % open("/tmp/stepwise-rss.txt").read().strip().splitlines()[-1])
ts = [first_frame(["less","/tmp/lines.txt"], b"line 20 of") for _ in range(n)]
print("less 20000 lines first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
