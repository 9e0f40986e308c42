//! The README says what the code does: its excerpt of generated code is in the golden file, the
//! list of reserved type names in `docs/catalog-format.md` is the validator's, and its dependency
//! lines name the version these crates have and nothing else. (Its Rust snippets compile as doctests of `ui-tests`,
//! whose only dependency is `eventcat`.)

const README: &str = include_str!("../../README.md");
const CATALOG_FORMAT: &str = include_str!("../../docs/catalog-format.md");
const GOLDEN: &str = include_str!("../../generated-example/src/generated.rs");

/// The bodies of the README's code blocks whose info string is `info`.
fn blocks(info: &str) -> Vec<String> {
    let fence = format!("```{info}\n");
    README
        .split(fence.as_str())
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn the_excerpt_of_generated_code_is_word_for_word_in_the_golden_file() {
    let excerpts = blocks("rust,ignore");
    assert_eq!(excerpts.len(), 1, "one excerpt of generated code");
    assert!(
        GOLDEN.contains(excerpts[0].as_str()),
        "the README's excerpt is not in generated-example/src/generated.rs:\n{}",
        excerpts[0]
    );
}

#[test]
fn every_rust_block_is_a_doctest_or_the_checked_excerpt() {
    for line in README.lines().filter(|l| l.starts_with("```rust")) {
        assert!(
            matches!(line, "```rust" | "```rust,no_run" | "```rust,ignore"),
            "unexpected code block `{line}`"
        );
    }
}

#[test]
fn the_reserved_type_names_are_the_validators() {
    let start = CATALOG_FORMAT
        .find("Names the generated code uses itself are reserved")
        .expect("the reserved names paragraph");
    let paragraph = &CATALOG_FORMAT[start..];
    let paragraph = &paragraph[..paragraph.find("\n- ").expect("the next item")];
    let mut listed: Vec<&str> = paragraph.split('`').skip(1).step_by(2).collect();
    listed.retain(|name| *name != "type-name");
    listed.sort_unstable();
    assert_eq!(
        listed,
        eventcat_codegen::reserved_type_names(),
        "README's reserved type names"
    );
}

#[test]
fn dependency_lines_name_the_current_version() {
    let version = env!("CARGO_PKG_VERSION");
    let major_minor = version.rsplit_once('.').map_or(version, |(head, _)| head);
    let toml = blocks("toml").join("\n");
    for krate in ["eventcat", "eventcat-codegen"] {
        let line = toml
            .lines()
            .find(|l| l.starts_with(&format!("{krate} ")))
            .unwrap_or_else(|| panic!("no dependency line for {krate}"));
        assert!(
            line.contains(&format!("\"{major_minor}\"")),
            "{line}: expected version {major_minor}"
        );
    }
}

/// The `Builder` is behind `eventcat-codegen`'s `build` feature: a build.rs dependency line
/// that turns the default features off must turn it back on, in this README and the crate's.
#[test]
fn build_script_lines_keep_the_builder() {
    let own = include_str!("../../codegen/README.md");
    for readme in [README, own] {
        let lines = readme
            .lines()
            .filter(|l| l.starts_with("eventcat-codegen = ") && l.contains("default-features"));
        for line in lines {
            assert!(line.contains(r#"features = ["build"]"#), "{line}");
        }
    }
}

#[test]
fn partners_depend_on_eventcat_alone() {
    let toml = blocks("toml").join("\n");
    let crates: Vec<&str> = toml
        .lines()
        .filter(|l| !l.starts_with('[') && !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        crates,
        ["eventcat", "eventcat", "eventcat-codegen"],
        "{toml}"
    );
}
