//! A team on one server: N clients (default 20) recording results at once
//! on a run of M tests (default 20,000) through a real `stepwise serve`
//! process, and one TUI-kind client watching the changes go by. Prints
//! throughput, time to acknowledgement (p50, p99, max) and time for a
//! change to reach the watcher (from the moment the recorder sent it), and
//! the time to read the run's whole view through the server and in-process.
//!
//! cargo bench --bench server
//! (BENCH_CLIENTS, BENCH_CASES, BENCH_RECORDS (per client) change the sizes.)

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};
use stepwise::domain::{ProjectCode, ResultStatus, RunNo};
use stepwise::service::remote::Connect;
use stepwise::service::wire::ClientKind;
use stepwise::service::{NewResult, Pushed, Service};
use stepwise::store::Store;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn connect(dir: &Path, user: &str, kind: ClientKind) -> Service {
    Service::connect(Connect {
        dir: dir.to_path_buf(),
        declared_user: Some(user.to_string()),
        own_name: user.to_string(),
        kind,
        what: "bench".into(),
        start: false,
    })
    .expect("connect to the server")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(what: &str, mut v: Vec<Duration>) {
    v.sort();
    eprintln!(
        "{what:<34} n={:<6} p50={:>8.2?} p99={:>8.2?} max={:>8.2?}",
        v.len(),
        percentile(&v, 0.5),
        percentile(&v, 0.99),
        v.last().copied().unwrap_or_default()
    );
}

fn main() {
    let clients = env("BENCH_CLIENTS", 20);
    let cases = env("BENCH_CASES", 20_000);
    let per_client = env("BENCH_RECORDS", 50);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("store");
    let code = ProjectCode::parse("LOAD").expect("code");
    let run = RunNo(1);
    let started = Instant::now();
    {
        let mut svc = Service::new(Store::open(&dir, "bench").expect("store"), "bench");
        svc.write_synthetic(cases, chrono::Utc::now())
            .expect("synthetic project");
        let t = Instant::now();
        let view = svc.run_view(&code, run).expect("run view");
        eprintln!(
            "built a {cases}-test run in {:.2?}; its view in-process: {:.2?} ({} tests)",
            started.elapsed(),
            t.elapsed(),
            view.tests.len()
        );
    }
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .arg("serve")
        .arg("--store")
        .arg(&dir)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the server");
    let sock = dir.join("server.sock");
    while std::os::unix::net::UnixStream::connect(&sock).is_err() {
        std::thread::sleep(Duration::from_millis(5));
    }

    let reader = connect(&dir, "reader", ClientKind::Command);
    let mut reads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let view = reader.run_view(&code, run).expect("run view");
        reads.push(t.elapsed());
        assert_eq!(view.tests.len(), cases);
    }
    report("run view through the server", reads);
    let ids: Vec<u32> = reader
        .tests(&code, run.0)
        .expect("tests")
        .iter()
        .map(|t| t.id)
        .collect();

    // The watcher: a TUI-kind client; when each change reached it.
    let watcher = connect(&dir, "watcher", ClientKind::Tui);
    let mut pushed = watcher.pushed().expect("pushes");
    let seen: Arc<Mutex<HashMap<u32, Instant>>> = Arc::default();
    let seen_w = Arc::clone(&seen);
    let expected = clients * per_client;
    let watch = std::thread::spawn(move || {
        let mut got = 0;
        while got < expected {
            match pushed.blocking_recv() {
                Some(Pushed::Changed(c)) if c.call == "record_result" => {
                    let now = Instant::now();
                    let mut seen = seen_w.lock().expect("seen");
                    for t in c.tests {
                        seen.insert(t, now);
                    }
                    got += 1;
                }
                Some(_) => {}
                None => break,
            }
        }
    });

    let barrier = Arc::new(Barrier::new(clients));
    let acked: Arc<Mutex<HashMap<u32, Instant>>> = Arc::default();
    let t0 = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let (dir, code, barrier, acked) = (dir.clone(), code.clone(), Arc::clone(&barrier), Arc::clone(&acked));
            let mine: Vec<u32> = ids.iter().copied().skip(c).step_by(clients).take(per_client).collect();
            std::thread::spawn(move || {
                let svc = connect(&dir, &format!("tester{c}"), ClientKind::Command);
                barrier.wait();
                let mut lat = Vec::new();
                for id in mine {
                    let t = Instant::now();
                    svc.record_result(&code, run, id, NewResult::status(ResultStatus::Passed))
                        .expect("record");
                    lat.push(t.elapsed());
                    acked.lock().expect("sent").insert(id, t);
                }
                lat
            })
        })
        .collect();
    let mut acks = Vec::new();
    for w in workers {
        acks.extend(w.join().expect("worker"));
    }
    let took = t0.elapsed();
    let _ = watch.join();
    eprintln!(
        "{clients} clients x {per_client} results on a {cases}-test run: {} results in {took:.2?} = {:.0} results/s",
        acks.len(),
        acks.len() as f64 / took.as_secs_f64()
    );
    report("time to acknowledgement", acks);
    let (seen, acked) = (seen.lock().expect("seen"), acked.lock().expect("acked"));
    let spread: Vec<Duration> = acked
        .iter()
        .filter_map(|(id, at)| seen.get(id).map(|s| s.saturating_duration_since(*at)))
        .collect();
    report("call sent to watcher (propagation)", spread);
    drop(reader);
    drop(watcher);
    // SAFETY: a signal to the server this process started.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let _ = server.wait();
}
