//! Editing the catalog rebuilds the crate that derives from it: the expansion includes the
//! file, so cargo sees it change. A small crate is built, its catalog edited, and built again.
//!
//! The crate is built in trybuild's target directory (`<target>/tests/trybuild`), as trybuild
//! builds its cases, where they have already built eventcat and its dependencies, so that they
//! are not built again.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target directory: three levels above this test binary (`<target>/<profile>/deps/<bin>`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary");
    exe.ancestors()
        .nth(3)
        .expect("the target directory")
        .to_owned()
}

const EVENT: &str = "
  - name: x-note-v1
    product: p
    direction: received
    status: active
    active_date: 2025-03-26
    doc: A note.
    schema_versions:
      - version: 1.0.0
        fields:
          text: { type: string, doc: The text. }
";

/// Writes the crate: a catalog of `events` copies of one event, and a binary printing how many
/// events its derive generated.
fn write_crate(dir: &Path, events: usize) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let eventcat = workspace.join("eventcat");
    std::fs::create_dir_all(dir.join("src")).expect("the crate's directory");
    let manifest = format!(
        "[package]\nname = \"rebuild-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\neventcat = {{ path = {:?} }}\n\n[workspace]\n",
        eventcat.display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
    let main = "#[allow(dead_code)]\nmod events {\n    #[derive(eventcat::EventCatalog)]\n    \
                #[catalog(path = \"catalog.yaml\")]\n    pub struct Events;\n}\n\n\
                fn main() {\n    println!(\"{}\", events::Events::CATALOG.len());\n}\n";
    std::fs::write(dir.join("src/main.rs"), main).expect("main.rs");
    write_catalog(dir, events);
}

fn write_catalog(dir: &Path, events: usize) {
    let mut catalog = "products:\n  p: { title: P }\nevents:".to_owned();
    for n in 1..=events {
        catalog.push_str(&EVENT.replace("x-note-v1", &format!("x-note{n}-v1")));
    }
    std::fs::write(dir.join("catalog.yaml"), catalog).expect("catalog.yaml");
}

/// The host's target triple, as `rustc -vV` says it.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(rustc).arg("-vV").output().expect("run rustc");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let host = text.lines().find_map(|line| line.strip_prefix("host: "));
    host.expect("rustc names its host").to_owned()
}

/// Builds and runs the crate; what it prints. The build is the one trybuild runs for its cases
/// (its target, flags and settings), so that what they built is used again: any difference
/// only makes this test slower.
fn run(dir: &Path) -> String {
    let host = host();
    let flags =
        r#"["--cfg", "trybuild", "--verbose", "-A", "dead_code", "--diagnostic-width=140"]"#;
    let target = target_dir().join("tests").join("trybuild");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--offline", "--target", &host])
        .arg(format!("--config=build.rustflags={flags}"))
        .arg(format!("--config=target.{host}.rustflags={flags}"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .status()
        .expect("run cargo");
    assert!(status.success(), "the crate builds");
    let binary = target.join(&host).join("debug").join("rebuild-check");
    let output = Command::new(binary).output().expect("run the crate");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn editing_the_catalog_rebuilds_the_crate() {
    let dir = target_dir().join("tests").join("rebuild-check");
    write_crate(&dir, 1);
    assert_eq!(run(&dir), "1");
    // A later modification time than the build's, on any file system.
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    write_catalog(&dir, 2);
    assert_eq!(run(&dir), "2", "the edit is seen");
    assert_eq!(run(&dir), "2");
}
