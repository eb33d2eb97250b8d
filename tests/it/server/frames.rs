//! Frames no client should send, against a live server: random bytes,
//! truncated frames, oversized lengths, empty frames, another version's
//! Head, a valid Head or Hello followed by garbage. Each ends that
//! connection only: the server does not panic, and a client connected all
//! along still gets correct answers on its one connection.

use super::{Raw, Server, demo_store, log};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use stepwise::service::Request;
use stepwise::service::wire::{self, ClientKind, Head, MAGIC, MAX_FRAME, ToClient, ToServer};

#[derive(Clone, Debug)]
enum Bad {
    /// Anything, from the first byte.
    Random(Vec<u8>),
    /// A valid opening (Head, Hello, a call) cut short.
    Truncated(usize),
    /// A length over the limit, then some bytes.
    Oversized(u32, Vec<u8>),
    Empty,
    /// A Head of another version, or not stepwise's.
    OtherHead {
        magic: bool,
        version: String,
    },
    /// Our Head, then raw bytes.
    HeadThenRaw(Vec<u8>),
    /// Our Head, then a frame that is no Hello (or a Hello of random bytes).
    HeadThenFrame(Vec<u8>),
    /// Admitted, then a frame that is no message of the protocol.
    WelcomedThenFrame(Vec<u8>),
    /// Admitted, then raw bytes.
    WelcomedThenRaw(Vec<u8>),
}

fn bad() -> impl Strategy<Value = Bad> {
    let bytes = || proptest::collection::vec(any::<u8>(), 0..600);
    // A payload that is no ToServer: its variant (the first varint) is
    // past the last one (Stop is 3), so it cannot stop the server or write.
    let not_a_message = (4u8..=255, proptest::collection::vec(any::<u8>(), 0..300)).prop_map(|(first, rest)| {
        let mut v = vec![first];
        v.extend(rest);
        v
    });
    prop_oneof![
        bytes().prop_map(Bad::Random),
        any::<usize>().prop_map(Bad::Truncated),
        ((MAX_FRAME as u32 + 1)..=u32::MAX, bytes()).prop_map(|(l, b)| Bad::Oversized(l, b)),
        Just(Bad::Empty),
        (any::<bool>(), "[ -~]{0,40}").prop_map(|(magic, version)| Bad::OtherHead { magic, version }),
        bytes().prop_map(Bad::HeadThenRaw),
        proptest::collection::vec(any::<u8>(), 1..300).prop_map(Bad::HeadThenFrame),
        not_a_message.prop_map(Bad::WelcomedThenFrame),
        bytes().prop_map(Bad::WelcomedThenRaw),
    ]
}

fn frame(payload: &[u8]) -> Vec<u8> {
    let mut v = (payload.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(payload);
    v
}

fn opening() -> Vec<u8> {
    let mut v = frame(&wire::encode(&Head::ours()));
    v.extend(frame(&wire::encode(&super::hello(ClientKind::Command))));
    v
}

/// What the bad client writes, and whether it gets as far as a Welcome.
fn bytes_of(b: &Bad) -> Vec<u8> {
    match b {
        Bad::Random(r) => r.clone(),
        Bad::Truncated(at) => {
            let mut whole = opening();
            whole.extend(frame(&call(1)));
            let cut = at % whole.len();
            whole.truncate(cut);
            whole
        }
        Bad::Oversized(len, tail) => {
            let mut v = len.to_be_bytes().to_vec();
            v.extend(tail);
            v
        }
        Bad::Empty => vec![0, 0, 0, 0],
        Bad::OtherHead { magic, version } => {
            let head = Head {
                magic: if *magic { MAGIC.into() } else { "stepwide".into() },
                version: if version == &wire::version() {
                    format!("{version}-other")
                } else {
                    version.clone()
                },
            };
            frame(&wire::encode(&head))
        }
        Bad::HeadThenRaw(r) => [frame(&wire::encode(&Head::ours())), r.clone()].concat(),
        Bad::HeadThenFrame(p) => [frame(&wire::encode(&Head::ours())), frame(p)].concat(),
        Bad::WelcomedThenFrame(p) => [opening(), frame(p)].concat(),
        Bad::WelcomedThenRaw(r) => [opening(), r.clone()].concat(),
    }
}

fn call(id: u64) -> Vec<u8> {
    wire::encode(&ToServer::Call {
        id,
        request: Box::new(Request::projects {}),
    })
}

/// The client connected all along asks for the projects: the demo's.
fn still_served(good: &mut Raw, id: u64) -> Result<(), TestCaseError> {
    good.send_frame(&call(id));
    loop {
        match good.recv::<ToClient>() {
            ToClient::Reply { id: got, result } => {
                prop_assert_eq!(got, id);
                let projects: Vec<stepwise::domain::Project> =
                    wire::decode(&result.map_err(|e| TestCaseError::fail(format!("{e:?}")))?).unwrap();
                prop_assert_eq!(projects.len(), 1);
                prop_assert_eq!(projects[0].code.as_str(), "DEMO");
                return Ok(());
            }
            // A TUI also hears who else is where: not an answer.
            ToClient::Presence(_) | ToClient::Changed(_) => {}
            _ => return Err(TestCaseError::fail("the good client got something else")),
        }
    }
}

#[test]
fn bad_frames_end_their_connection_only() {
    let store = demo_store();
    let dir = store.path();
    let server = Server::start(dir, &[]);
    // The runner takes an `Fn`: the good client and its call ids in cells.
    let good = std::cell::RefCell::new(Raw::welcomed(dir, ClientKind::Tui));
    let id = std::cell::Cell::new(0);
    let config = Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&bad(), |b| {
        let mut raw = Raw::connect(dir);
        // The server may close before it read everything: a write then
        // fails, and that is fine.
        let _ = raw.send_bytes(&bytes_of(&b));
        let _ = raw.s.shutdown(std::net::Shutdown::Write);
        if let Bad::OtherHead { magic: true, .. } = b {
            // It names its own version before it hangs up.
            let head: Head = raw.recv();
            prop_assert_eq!(head, Head::ours());
        }
        prop_assert!(raw.closed_by_server(), "the connection stayed open after {:?}", b);
        id.set(id.get() + 1);
        still_served(&mut good.borrow_mut(), id.get())
    });
    if let Err(e) = outcome {
        panic!("{e}\nlog:\n{}", log(dir));
    }
    // Oversized and malformed frames were seen and named in the log.
    let log_text = log(dir);
    assert!(log_text.contains("over the"), "{log_text}");
    assert!(log_text.contains("malformed"), "{log_text}");
    still_served(&mut good.borrow_mut(), id.get() + 1).unwrap();
    drop(good);
    let (code, err) = server.terminate();
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("panicked"), "the server panicked: {err}");
    assert!(!log(dir).contains("panicked"), "{}", log(dir));
    assert!(dir.join("clean.json").exists());
}
