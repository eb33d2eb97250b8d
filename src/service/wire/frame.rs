//! Length-delimited frames: a 4-byte big-endian length, then the payload.
//! A frame over [`MAX_FRAME`], a truncated one and an empty one are errors
//! that end the connection (never a panic, never a huge allocation).

use std::io::{self, Read, Write};

/// The largest frame either side sends or takes (a run's view of 100,000
/// tests, an attachment at the default size limit, fit well within it).
pub const MAX_FRAME: usize = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("the connection was closed")]
    Closed,
    #[error("a frame of {0} bytes is over the {MAX_FRAME}-byte limit")]
    TooLarge(usize),
    #[error("an empty frame")]
    Empty,
    #[error("a malformed message: {0}")]
    Malformed(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Reads one frame; `Closed` when the peer closed between frames.
pub fn read_frame(r: &mut impl Read) -> Result<Vec<u8>, FrameError> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(FrameError::Closed),
        Err(e) => return Err(e.into()),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    if len == 0 {
        return Err(FrameError::Empty);
    }
    let mut buf = Vec::new();
    // Grows as bytes arrive: a length the peer never sends costs nothing.
    let got = r.take(len as u64).read_to_end(&mut buf)?;
    if got < len {
        return Err(FrameError::Closed);
    }
    Ok(buf)
}

/// Writes one frame in one `write_all` (the length and the payload).
pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> Result<(), FrameError> {
    if payload.len() > MAX_FRAME {
        return Err(FrameError::TooLarge(payload.len()));
    }
    let mut buf = Vec::with_capacity(payload.len() + 4);
    buf.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    buf.extend_from_slice(payload);
    w.write_all(&buf)?;
    w.flush()?;
    Ok(())
}

/// A socket written with `send(MSG_NOSIGNAL)`: a peer gone is an error
/// (EPIPE), never the SIGPIPE that ends a command quietly (a command keeps
/// SIGPIPE's default action, so that `stepwise runs | head` ends quietly).
pub struct NoSignal<'a>(pub &'a std::os::unix::net::UnixStream);

impl Write for NoSignal<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use std::os::fd::AsRawFd;
        // SAFETY: send reads at most `buf.len()` bytes from `buf`, on a
        // descriptor the stream owns for as long as it is borrowed.
        let n = unsafe { libc::send(self.0.as_raw_fd(), buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_bad_ones_are_errors() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello").unwrap();
        assert_eq!(read_frame(&mut &buf[..]).unwrap(), b"hello");
        assert!(matches!(read_frame(&mut &buf[..6]), Err(FrameError::Closed)));
        assert!(matches!(read_frame(&mut &b""[..]), Err(FrameError::Closed)));
        assert!(matches!(read_frame(&mut &[0, 0, 0, 0][..]), Err(FrameError::Empty)));
        let huge = ((MAX_FRAME + 1) as u32).to_be_bytes();
        assert!(matches!(read_frame(&mut &huge[..]), Err(FrameError::TooLarge(_))));
    }
}
