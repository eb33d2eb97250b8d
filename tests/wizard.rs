//! End-to-end tests of the run wizard: the real binary in a pseudo-terminal.

mod e2e;
