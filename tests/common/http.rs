//! The `.http` fixture format: a raw HTTP/1.1 response as a client receives it (status line,
//! headers, an empty line, the body). Used by the tests and, through `#[path]`, by
//! `examples/decode_payloads.rs`, so it is written without `unwrap` or indexing.

/// One HTTP response read from a `.http` fixture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code of the status line.
    pub status: u16,
    /// The headers, in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// Reads a response; `None` when the status line or a header line is malformed. Lines may end
    /// with `\r\n` or `\n`.
    pub fn parse(raw: &[u8]) -> Option<Self> {
        let (head, body) = split_head(raw)?;
        let head = std::str::from_utf8(head).ok()?;
        let mut lines = head.lines();
        let status_line = lines.next()?;
        let mut parts = status_line.split(' ');
        if !parts.next()?.starts_with("HTTP/") {
            return None;
        }
        let status = parts.next()?.parse().ok()?;
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':')?;
                Some((name.trim().to_owned(), value.trim().to_owned()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self { status, headers, body: body.to_vec() })
    }

    /// The first header with this name, compared without regard to case (as HTTP does).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Splits at the first empty line: `\r\n\r\n` or `\n\n`.
fn split_head(raw: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = raw.windows(4).position(|w| w == b"\r\n\r\n").map(|at| (at, 4));
    let lf = raw.windows(2).position(|w| w == b"\n\n").map(|at| (at, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((raw.get(..at)?, raw.get(at + len..)?))
}
