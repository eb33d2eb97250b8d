#!/usr/bin/env python3
"""Issue 16, in a real 80x24 pseudo-terminal: the time from spawning
stepwise on a run's dashboard to the first frame *with the rows of tests*,
beside `less` showing a file of as many lines, at 20,000 and 100,000 tests;
the peak memory of such a session (moves, a filter, a search); and the time
and peak memory of `demo --cases N` building the store.

    cargo build --release
    python3 benches/pty_scale.py [SIZE ...]      (default: 20000 100000)

Stores are built under /tmp/stepwise-scale-N (kept between runs; delete
them to time `demo` again). A frame counts as drawn when a string only
that frame holds has been written (ratatui skips unchanged cells, so the
needle has no spaces): `LOAD-11` is the eleventh test of the list, drawn
only with the rows.
"""
import os, pty, select, shutil, statistics, struct, subprocess, sys, time, fcntl, termios

BIN = os.path.abspath("target/release/stepwise")
STARTS = 9


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def wait_for(fd, needle, timeout=10):
    buf = b""
    deadline = time.time() + timeout
    while needle not in buf and time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            buf += os.read(fd, 65536)
        except OSError:
            break
    return needle in buf


def drain(fd, quiet=0.05):
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return out
        try:
            out += os.read(fd, 65536)
        except OSError:
            return out


def quit(pid, fd, keys=b"q"):
    os.write(fd, keys)
    deadline = time.time() + 10
    while time.time() < deadline:
        drain(fd, 0.02)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
    os.kill(pid, 9)
    os.waitpid(pid, 0)


def first_frame(argv, needle, keys=b"q"):
    t0 = time.perf_counter()
    pid, fd = spawn(argv)
    ok = wait_for(fd, needle)
    t = time.perf_counter() - t0
    quit(pid, fd, keys)
    os.close(fd)
    return t if ok else float("nan")


def ms(ts):
    return "median %.1f ms, min %.1f ms" % (statistics.median(ts) * 1000, min(ts) * 1000)


def key_ms(fd, key):
    """Time from writing `key` to the first byte of the frame it causes."""
    drain(fd, 0.03)
    t0 = time.perf_counter()
    os.write(fd, key)
    r, _, _ = select.select([fd], [], [], 5)
    t = time.perf_counter() - t0
    drain(fd, 0.03)
    return t * 1000


def keys_latency(open_run, n):
    pid, fd = spawn(open_run)
    wait_for(fd, b"LOAD-11")
    drain(fd, 0.3)
    j = [key_ms(fd, b"j") for _ in range(40)]
    page = [key_ms(fd, k) for k in [b"\x1b[6~", b"\x1b[5~"] * 10]
    filt = [key_ms(fd, b"S") for _ in range(12)]
    key_ms(fd, b"C")
    key_ms(fd, b"/")
    letters = [key_ms(fd, c.encode()) for c in "checkout"]
    key_ms(fd, b"\r")
    key_ms(fd, b"C")
    record = []
    for _ in range(10):
        for k in [b"B", b"j", b"\r", b"\r"]:
            key_ms(fd, k)
        record.append(key_ms(fd, b"\r"))
        key_ms(fd, b"j")
    quit(pid, fd, b"q")
    os.close(fd)
    med = statistics.median
    print(f"[{n}] key to frame in the pty, median ms: move {med(j):.1f}, page {med(page):.1f}, "
          f"filter {med(filt):.1f}, search letters {' '.join('%.0f' % x for x in letters)} "
          f"(median {med(letters[1:]):.1f} after the first), record a result {med(record):.1f}")


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [20_000, 100_000]
    for n in sizes:
        store = f"/tmp/stepwise-scale-{n}"
        if not os.path.exists(store):
            rss = f"/tmp/stepwise-scale-demo-{n}.rss"
            t0 = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss, BIN, "--store", store, "demo", "--cases", str(n)],
                           check=True, stdout=subprocess.DEVNULL)
            took = time.perf_counter() - t0
            kb = int(open(rss).read().split()[-1])
            print(f"[{n}] demo --cases {n}: {took:.2f} s, peak RSS {kb / 1024:.0f} MB")
        lines = f"/tmp/stepwise-scale-{n}.txt"
        with open(lines, "w") as f:
            f.write("".join(f"line {i} of the file\n" for i in range(n)))
        less = [first_frame(["less", lines], b"line 20 of") for _ in range(STARTS)]
        print(f"[{n}] less, {n} lines, first frame: {ms(less)}")
        open_run = [BIN, "--store", store, "--project", "LOAD", "open", "1"]
        rows = [first_frame(open_run, b"LOAD-11") for _ in range(STARTS)]
        print(f"[{n}] stepwise, {n} tests, first frame with rows: {ms(rows)}"
              f"  ({statistics.median(rows) / statistics.median(less):.1f}x less)")
        keys_latency(open_run, n)
        # A session: the rows, 50 moves, a page, the filter, a search, quit.
        rss = f"/tmp/stepwise-scale-{n}.rss"
        pid, fd = spawn(["/usr/bin/time", "-f", "%M", "-o", rss] + open_run)
        wait_for(fd, b"LOAD-11")
        for key in [b"j"] * 50 + [b"\x1b[6~", b"S", b"S", b"/", b"c", b"h", b"e", b"c", b"k", b"\r"]:
            os.write(fd, key)
            drain(fd, 0.03)
        quit(pid, fd, b"q")
        os.close(fd)
        kb = int(open(rss).read().split()[-1])
        print(f"[{n}] peak RSS of a dashboard session: {kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
