//! Writing the generated file: the one writer behind build.rs ([`crate::Builder`]) and
//! `eventcat generate -o`.
//!
//! - Only a regular file is replaced. A FIFO, a socket, a device or a directory at the path is
//!   refused before anything is opened, so that nothing blocks.
//! - The text goes to a new file beside the output, which is then renamed over it: a reader
//!   (rustc, an editor) sees the old file or the new one, never half of one, and a symbolic
//!   link at the path is replaced by the file rather than followed.
//! - A file that already holds the text is left alone, so cargo sees no change.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::load::input::{check_regular, read_bytes};

/// Writes `text` to `path` unless the file already holds exactly it; returns whether it wrote.
pub fn write_if_changed(path: &Path, text: &str) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {}
        Ok(metadata) => {
            check_regular(&metadata, "generated file", "written to")?;
            if read_bytes(path, "generated file").is_ok_and(|old| old == text.as_bytes()) {
                return Ok(false);
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(err),
    }
    let temporary = temporary_beside(path)?;
    let written = write_new(&temporary, text).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map(|()| true)
}

/// A path in `path`'s directory for the text before it is renamed into place.
fn temporary_beside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file (it ends in `..` or is a root)",
        )
    })?;
    let mut temporary = std::ffi::OsString::from(".");
    temporary.push(name);
    temporary.push(format!(".{}.tmp", std::process::id()));
    Ok(path.with_file_name(temporary))
}

/// Writes `text` to a file created at `path`; a file left there by an earlier, interrupted
/// write of this process id is replaced.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let create = || OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match create() {
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("eventcat-output-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    }

    #[test]
    fn writes_replaces_and_leaves_an_equal_file_alone() {
        let dir = scratch("write");
        let out = dir.join("eventcat.rs");
        assert!(write_if_changed(&out, "a").expect("written"));
        assert!(!write_if_changed(&out, "a").expect("unchanged"));
        assert!(write_if_changed(&out, "b").expect("replaced"));
        assert_eq!(fs::read_to_string(&out).expect("read"), "b");
        let names: Vec<_> = fs::read_dir(&dir).expect("listed").flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = scratch("directory");
        let err = write_if_changed(&dir, "a").expect_err("a directory");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("a directory"), "{err}");
    }
}
