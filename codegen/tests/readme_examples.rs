//! The command-line examples of README.md and of the pages of `docs/`, run as printed. Every `console` block is a trycmd
//! case: `$ ` starts a command, `? N` is its exit status, the lines after it are what it prints
//! (standard output and standard error together) and a line `...` stands for lines left out.
//! trycmd drops the last newline of a command's output, so a blank line ends each one.
//! The blocks of each page run one after another in a scratch directory holding what the setup
//! of `docs/cli.md` copies there: `tests/fixtures/` and the bundled `catalog.yaml`. A failure
//! names the line of the page (its copy in the scratch directory has the same lines); fix the
//! page or the code, by hand.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The programs the examples may call. trycmd skips, without failing, a command whose program
/// it cannot find, so every command is checked to call one of these.
const PROGRAMS: [&str; 3] = ["eventcat", "cp", "ls"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()))
}

/// A fresh directory under the target directory's temp space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Copies the files below `from` into `to`, creating the directories.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a directory");
    for entry in std::fs::read_dir(from).expect("read a fixtures directory") {
        let path = entry.expect("a directory entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a fixture");
        }
    }
}

/// Where `program` is on `PATH`.
fn on_path(program: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("`{program}` is not on PATH"))
}

/// Each fenced code block of the README: its info string and its text.
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((info.to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = open.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The README and every page of `docs/`, sorted.
fn pages() -> Vec<PathBuf> {
    let docs = root().join("docs");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&docs)
        .expect("read docs/")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    pages.insert(0, root().join("README.md"));
    pages
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let dir = scratch("readme-examples");
    let cases = trycmd::TestCases::new();
    cases.register_bin("eventcat", Path::new(env!("CARGO_BIN_EXE_eventcat")));
    for program in &PROGRAMS[1..] {
        cases.register_bin(*program, on_path(program));
    }
    for page in pages() {
        let name = page.file_name().expect("a file name");
        let case = dir.join(name);
        std::fs::write(&case, read(&page)).expect("copy the page");
        let cwd = case.with_extension("in");
        copy_dir(&root().join("tests/fixtures"), &cwd);
        std::fs::copy(root().join("catalog.yaml"), cwd.join("catalog.yaml")).expect("copy catalog");
        cases.case(&case);
    }
    cases.run();
}

#[test]
fn every_transcript_in_the_readme_is_a_console_block_of_known_programs() {
    let blocks: Vec<_> = pages()
        .iter()
        .flat_map(|page| code_blocks(&read(page)))
        .collect();
    let mut commands = 0;
    for (info, body) in &blocks {
        let lines = body.lines().filter_map(|line| line.strip_prefix("$ "));
        if info != "console" {
            assert_eq!(
                lines.count(),
                0,
                "a `{info}` block holds a `$ ` line:\n{body}"
            );
            continue;
        }
        assert!(
            body.starts_with("$ "),
            "a console block starts with a command:\n{body}"
        );
        for command in lines {
            let program = command.split_whitespace().next().unwrap_or_default();
            assert!(
                PROGRAMS.contains(&program),
                "unknown program in `{command}`"
            );
            commands += 1;
        }
    }
    assert!(
        commands >= 10,
        "only {commands} commands found in the README and docs/"
    );
}

#[test]
fn catalog_next_is_the_bundled_catalog_with_queue_renamed() {
    let header = "# catalog.yaml with the shared type `Queue` renamed `QueueRef` \
                  (the `diff` example in README.md).\n";
    let renamed = read(&root().join("catalog.yaml"))
        .replace("\n  Queue:\n", "\n  QueueRef:\n")
        .replace("type: Queue,", "type: QueueRef,");
    assert!(
        read(&root().join("tests/fixtures/catalog.next.yaml")) == format!("{header}{renamed}"),
        "tests/fixtures/catalog.next.yaml is not catalog.yaml with `Queue` renamed; refresh it \
         with (head -1 tests/fixtures/catalog.next.yaml; sed -e 's/^  Queue:$/  QueueRef:/' \
         -e 's/type: Queue,/type: QueueRef,/' catalog.yaml) > next.yaml && \
         mv next.yaml tests/fixtures/catalog.next.yaml"
    );
}
