//! The JSON path of a decode error (`queue.queueId`, `calls[1].callID`, `.` for the payload),
//! worked out on the failure path only.
//!
//! Readers do not track where they are: that would cost every successful decode. Instead, when
//! decoding fails, the text is decoded once more with the [`trail`] recording the keys whose
//! values failed, and the text up to the parser's position is scanned for the objects and
//! arrays open there. The two together give the path.

/// What the readers record while they fail: the keys whose values failed, innermost first, and
/// whether the error is about an object as a whole (a key missing or given twice).
pub(crate) mod trail {
    use std::cell::RefCell;

    /// The record of one failing decode.
    #[derive(Default)]
    struct Trail {
        keys: Vec<&'static str>,
        whole_object: bool,
    }

    thread_local! {
        static TRAIL: RefCell<Trail> = const {
            RefCell::new(Trail {
                keys: Vec::new(),
                whole_object: false,
            })
        };
    }

    /// Runs `f` on the trail, unless it is in use (which only a reader inside a reader could do).
    fn with(f: impl FnOnce(&mut Trail)) {
        TRAIL.with(|trail| {
            if let Ok(mut trail) = trail.try_borrow_mut() {
                f(&mut trail);
            }
        });
    }

    /// Records a key whose value failed; a few dozen are plenty for any path.
    #[cold]
    pub(crate) fn push(key: &'static str) {
        with(|trail| {
            if trail.keys.len() < 64 {
                trail.keys.push(key);
            }
        });
    }

    /// Records that the error is about the innermost object itself.
    #[cold]
    pub(crate) fn object_failed() {
        with(|trail| {
            if trail.keys.is_empty() {
                trail.whole_object = true;
            }
        });
    }

    /// Forgets what was recorded so far.
    pub(crate) fn clear() {
        with(|trail| *trail = Trail::default());
    }

    /// The innermost key whose value failed, and whether the error is about an object itself.
    pub(crate) fn read() -> (Option<&'static str>, bool) {
        TRAIL.with(|trail| match trail.try_borrow() {
            Ok(trail) => (trail.keys.first().copied(), trail.whole_object),
            Err(_) => (None, false),
        })
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// The path and message of a data error of `err` while reading `text`, after a decode that
/// recorded its [`trail`].
pub(crate) fn locate(text: &str, err: &serde_json::Error) -> (String, String) {
    let message = crate::message::without_values(&crate::error::without_position(err));
    let (innermost, whole) = trail::read();
    let offset = offset_of(text, err.line(), err.column());
    let steps = Scanner::default()
        .scan(text, offset)
        .steps(whole, innermost);
    (path(&steps), message)
}

/// `queue.queueId`, `calls[1].callID`, or `.` for no steps.
fn path(steps: &[Step]) -> String {
    if steps.is_empty() {
        return ".".to_owned();
    }
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The byte offset of a 1-based line and the number of bytes read on it.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// An open object (its current key, and whether a key comes next) or array (its current index,
/// and whether that element has begun).
#[derive(Debug)]
enum Frame {
    Object(Option<String>, bool),
    Array(usize, bool),
}

/// The objects and arrays open at a position of a JSON text, and the one that closed last.
#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    closed: Option<Frame>,
}

impl Scanner {
    /// Reads `text` up to `offset`.
    fn scan(mut self, text: &str, offset: usize) -> Self {
        let bytes = text.as_bytes();
        let end = offset.min(bytes.len());
        let mut at = 0;
        while at < end {
            let byte = bytes[at];
            if !byte.is_ascii_whitespace() {
                self.closed = None;
            }
            match byte {
                b'{' => self.open(Frame::Object(None, true)),
                b'[' => self.open(Frame::Array(0, false)),
                b'}' | b']' => self.closed = self.stack.pop(),
                b',' => self.next_member(),
                b'"' => at = self.string(text, at),
                b':' => {}
                _ if byte.is_ascii_whitespace() => {}
                _ => self.begin_value(),
            }
            at += 1;
        }
        self
    }

    /// A value begins in the innermost array.
    fn begin_value(&mut self) {
        if let Some(Frame::Array(_, begun)) = self.stack.last_mut() {
            *begun = true;
        }
    }

    fn open(&mut self, frame: Frame) {
        self.begin_value();
        self.stack.push(frame);
    }

    fn next_member(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Object(_, key_next)) => *key_next = true,
            Some(Frame::Array(index, begun)) => {
                *index += 1;
                *begun = false;
            }
            None => {}
        }
    }

    /// The string starting at `start`, a key or a value; returns where it ends.
    fn string(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let mut at = start + 1;
        while at < bytes.len() && bytes[at] != b'"' {
            at += if bytes[at] == b'\\' { 2 } else { 1 };
        }
        match self.stack.last_mut() {
            Some(Frame::Object(key, key_next)) if *key_next => {
                *key = text
                    .get(start..=at)
                    .and_then(|quoted| serde_json::from_str(quoted).ok());
                *key_next = false;
            }
            _ => self.begin_value(),
        }
        at
    }

    /// The path of the value the parser stopped just after, inside or at the start of; with
    /// `whole`, of the object around it. When what ended there is an object or array the error
    /// followed out of, the innermost failed key decides between it and its last member.
    fn steps(self, whole: bool, innermost: Option<&str>) -> Vec<Step> {
        let mut found = steps(&self.stack);
        match self.closed {
            Some(frame) if !whole => {
                // An error about the last member of what just ended names a key the trail has;
                // an error about the object or array itself (its length) does not.
                let member = steps(&[frame]);
                let last_key_failed = matches!(
                    (member.first(), innermost),
                    (Some(Step::Key(key)), Some(failed)) if key == failed
                );
                if last_key_failed {
                    found.extend(member);
                }
            }
            Some(_) => {}
            // Stopped inside the object, after the missing or repeated key: the object itself.
            None if whole => {
                if matches!(self.stack.last(), Some(Frame::Object(Some(_), _))) {
                    found.pop();
                }
            }
            None => {}
        }
        found
    }
}

/// The steps of open frames: each object's current key, each begun array element's index.
fn steps(stack: &[Frame]) -> Vec<Step> {
    stack
        .iter()
        .filter_map(|frame| match frame {
            Frame::Object(Some(key), _) => Some(Step::Key(key.clone())),
            Frame::Array(index, true) => Some(Step::Index(*index)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str, whole: bool, innermost: Option<&str>) -> String {
        let offset = text.find(marker).expect("marker") + marker.len();
        path(
            &Scanner::default()
                .scan(text, offset)
                .steps(whole, innermost),
        )
    }

    #[test]
    fn the_path_names_the_open_keys_and_indexes() {
        let text = r#"{"queue": {"id": "1", "queueId": 7}, "calls": [{"a": 1}, {"callID": true}]}"#;
        assert_eq!(
            at(text, r#""queueId": 7"#, false, Some("queueId")),
            "queue.queueId"
        );
        assert_eq!(
            at(text, r#""callID": true"#, false, Some("callID")),
            "calls[1].callID"
        );
        assert_eq!(at(text, "{", false, None), ".");
    }

    #[test]
    fn an_error_about_an_object_names_the_object() {
        // A missing key is reported after the object closed, or inside it after a repeat.
        let text = r#"{"queue": {"id": "1"}, "x": 1}"#;
        assert_eq!(at(text, r#""id": "1"}"#, true, None), "queue");
        assert_eq!(at(text, r#""id": "1""#, true, None), "queue");
        // An array of the wrong length is about the array, not its last item.
        let calls = r#"{"calls": [{"id": "a"}]}"#;
        assert_eq!(at(calls, "}]", false, Some("calls")), "calls");
        assert_eq!(at(calls, "}]", false, Some("id")), "calls");
    }

    #[test]
    fn keys_with_escapes_are_named_as_decoded() {
        let text = r#"{"a\"b": {"c": 1}}"#;
        assert_eq!(at(text, r#""c": 1"#, false, Some("c")), "a\"b.c");
    }
}
