//! Reading input files: the one loader behind every front end (the CLI, build.rs and the
//! derive) and `eventcat import`'s page.
//!
//! - Only regular files are read. A FIFO, a socket, a device (`/dev/zero`) or a directory is
//!   refused before it is opened, so that nothing blocks or reads forever.
//! - At most [`MAX_INPUT_BYTES`] are read; a larger file is refused.
//! - The text must be UTF-8; the first invalid byte is reported with its line and column.
//! - Line breaks are `\n`, `\r\n` or a lone `\r`: [`normalize_line_breaks`] turns a lone `\r`
//!   into `\n` (same length, so byte offsets stay valid) before the text is parsed.

use std::borrow::Cow;
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::Location;

/// The largest file eventcat reads: 64 MiB, about a thousand times the bundled catalog.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read, is not a regular file, or is too large.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The file is not UTF-8.
    #[error("{}", .0.message)]
    NotUtf8(NotUtf8),
}

/// Where a file stops being UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The file's text with each invalid sequence replaced by U+FFFD, for excerpts.
    pub lossy: String,
    /// The line and column of the first invalid byte.
    pub location: Location,
    /// What is wrong, naming the byte.
    pub message: String,
}

/// Reads the regular file at `path`, refusing other kinds of file and files larger than
/// [`MAX_INPUT_BYTES`]; `what` names the file's role in messages (`catalog`, `page`).
pub fn read_bytes(path: &Path, what: &str) -> io::Result<Vec<u8>> {
    // Checked before opening: opening a FIFO blocks until a writer comes.
    check_regular(&std::fs::metadata(path)?, what, "read from")?;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    check_regular(&metadata, what, "read from")?;
    let capacity = usize::try_from(metadata.len().min(MAX_INPUT_BYTES)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{what} is larger than {} MiB",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text (see [`read_bytes`]).
pub fn read_text(path: &Path, what: &str) -> Result<String, ReadError> {
    decode(read_bytes(path, what)?).map_err(ReadError::NotUtf8)
}

/// The bytes as UTF-8 text, or where they stop being UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        // The prefix is valid UTF-8 by definition of `valid_up_to`.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let location = location_at(prefix, prefix.len());
        let byte = bytes.get(valid).copied().unwrap_or_default();
        NotUtf8 {
            lossy: String::from_utf8_lossy(bytes).into_owned(),
            message: format!(
                "the file is not UTF-8: byte 0x{byte:02X} at line {}, column {} does not \
                 start a UTF-8 character; save the file as UTF-8",
                location.line, location.column
            ),
            location,
        }
    })
}

/// The line and column of byte `offset` of `text`, counting `\r\n`, `\n` and a lone `\r` each
/// as one line break. `offset` is clamped to the text and moved back to a character boundary.
pub fn location_at(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let mut line = 1u32;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if breaks {
            line = line.saturating_add(1);
            line_start = i + 1;
        }
    }
    let column = u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX);
    Location {
        line,
        column,
        bytes: None,
    }
}

/// The text with every lone `\r` (one not followed by `\n`) turned into `\n`, so that a file
/// with classic Mac line ends is read line by line. The length, and so every byte offset, stays
/// the same.
pub fn normalize_line_breaks(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for i in (0..bytes.len()).filter(|&i| lone(i)) {
        out.push_str(&text[start..i]);
        out.push('\n');
        start = i + 1;
    }
    out.push_str(&text[start..]);
    Cow::Owned(out)
}

/// Refuses a file that is not a regular one, naming what it is; `verb` (`read from`,
/// `written to`) says what is done with a `what`.
pub(crate) fn check_regular(
    metadata: &std::fs::Metadata,
    what: &str,
    verb: &str,
) -> io::Result<()> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let described = if kind.is_dir() {
        "a directory"
    } else {
        special_kind(&kind)
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({described}); a {what} is {verb} a regular file only"),
    ))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, offset: usize) -> (u32, u32) {
        let location = location_at(text, offset);
        (location.line, location.column)
    }

    #[test]
    fn every_kind_of_line_break_counts_once() {
        assert_eq!(at("ab\ncd", 4), (2, 2));
        assert_eq!(at("ab\r\ncd", 5), (2, 2));
        assert_eq!(at("ab\rcd", 4), (2, 2));
        assert_eq!(at("a\r\r\nb", 4), (3, 1));
        assert_eq!(at("é\u{e9}x", 4), (1, 3));
    }

    #[test]
    fn a_lone_cr_becomes_a_newline_and_nothing_else_changes() {
        assert_eq!(normalize_line_breaks("a\rb\r\nc\n\r"), "a\nb\r\nc\n\n");
        assert!(matches!(
            normalize_line_breaks("a\r\nb\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"products:\r\n  p: { title: \"\xff\" }\n".to_vec()).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (2, 16));
        assert!(err.message.contains("byte 0xFF"), "{}", err.message);
        assert!(err.lossy.contains('\u{fffd}'));
    }

    #[test]
    fn a_file_larger_than_the_limit_is_refused() {
        let path = std::env::temp_dir().join(format!("eventcat-large-{}", std::process::id()));
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: nothing is written but the length.
        file.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = read_bytes(&path, "catalog").unwrap_err();
        let _ = std::fs::remove_file(&path);
        assert_eq!(err.to_string(), "catalog is larger than 64 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_before_reading() {
        let err = read_bytes(Path::new("/dev/zero"), "catalog").unwrap_err();
        assert!(
            err.to_string().contains("not a regular file (a device)"),
            "{err}"
        );
        let err = read_bytes(Path::new("/"), "catalog").unwrap_err();
        assert!(err.to_string().contains("(a directory)"), "{err}");
    }
}
