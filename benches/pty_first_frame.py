#!/usr/bin/env python3
"""Time from spawning stepwise in an 80x24 pseudo-terminal to its first frame.

    cargo build --release
    target/release/stepwise --store /tmp/big demo --cases 20000
    python3 benches/pty_first_frame.py /tmp/big

Prints the median and minimum of 7 starts for the home screen and for the
20,000-test run view, and for `less` on a 20,000-line file as a yardstick.
A frame counts as drawn when a string that only the finished frame holds
has been written (ratatui skips unchanged cells, so the needle has no
spaces).
"""
import sys
import os, pty, time, sys, select, struct, fcntl, termios, statistics
def first_frame(argv, needle, env_extra={}):
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
STORE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/big"
open("/tmp/lines.txt","w").write("".join(f"line {i} of the file\n" for i in range(20000)))
n = 7
ts = [first_frame(["target/release/stepwise","--store",STORE], b"Full regression") for _ in range(n)]
print("home first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
ts = [first_frame(["target/release/stepwise","--store",STORE,"open","1"], b"20000") for _ in range(n)]
print("run view (20000 tests) first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
ts = [first_frame(["less","/tmp/lines.txt"], b"line 20 of") for _ in range(n)]
print("less 20000 lines first frame ms: median %.1f min %.1f" % (statistics.median(ts)*1000, min(ts)*1000))
