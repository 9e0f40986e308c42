//! The derive as a partner uses it: what compiles, and the exact errors for what does not.
//!
//! trybuild compiles each case in its own project under `<target>/tests/trybuild/eventcat-ui-tests`,
//! which is then the cases' `CARGO_MANIFEST_DIR`; the fixture catalogs are copied there first, so
//! `path = "catalogs/small.yaml"` resolves the way it does in a partner's crate.

use std::path::{Path, PathBuf};

/// The trybuild project directory: the target directory is three levels above this test binary
/// (`<target>/<profile>/deps/<binary>`).
fn trybuild_project() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let target = exe.parent()?.parent()?.parent()?;
    Some(
        target
            .join("tests")
            .join("trybuild")
            .join("eventcat-ui-tests"),
    )
}

fn copy_catalogs(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/macros/catalogs");
    let to = to.join("catalogs");
    std::fs::create_dir_all(&to).expect("create the fixture directory");
    for entry in std::fs::read_dir(&from).expect("read the fixtures") {
        let entry = entry.expect("a fixture");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a fixture");
    }
}

/// `catalogs/one_error.yaml`: the bundled catalog with one typo, a field type of `Queue` that
/// does not exist, as a partner editing a copy of it might make.
fn write_one_typo_catalog(project: &Path) {
    let catalog = include_str!("../../catalog.yaml");
    let typo = "queueName: { type: strng,";
    let broken = catalog.replacen("queueName: { type: string,", typo, 1);
    assert!(
        broken.contains(typo),
        "the bundled catalog still declares Queue.queueName"
    );
    std::fs::write(project.join("catalogs/one_error.yaml"), broken).expect("write the catalog");
}

#[test]
fn derive_ui() {
    let project = trybuild_project().expect("locate the target directory");
    copy_catalogs(&project);
    write_one_typo_catalog(&project);
    let cases = trybuild::TestCases::new();
    cases.pass("ui/macros/bundled_pass.rs");
    cases.pass("ui/macros/filtered_pass.rs");
    cases.pass("ui/macros/binary_pass.rs");
    cases.pass("ui/macros/crate_path_pass.rs");
    cases.pass("ui/hooks/derive_pass.rs");
    cases.pass("ui/hooks/cli_pass.rs");
    cases.pass("ui/hooks/paths_pass.rs");
    cases.pass("ui/hooks/redacted_debug_pass.rs");
    cases.compile_fail("ui/hooks/cannot_derive.rs");
    cases.compile_fail("ui/hooks/default_required.rs");
    cases.compile_fail("ui/hooks/unmatched_hook.rs");
    cases.compile_fail("ui/hooks/payload_replace.rs");
    cases.compile_fail("ui/hooks/refused_ord.rs");
    cases.compile_fail("ui/hooks/refused_serde_path.rs");
    cases.compile_fail("ui/hooks/std_path_over_number.rs");
    cases.compile_fail("ui/hooks/replace_typo.rs");
    cases.compile_fail("ui/hooks/derive_typo.rs");
    cases.compile_fail("ui/hooks/serde_attribute_typo.rs");
    cases.compile_fail("ui/macros/filtered_out.rs");
    cases.compile_fail("ui/macros/missing_file.rs");
    cases.compile_fail("ui/macros/yaml_error.rs");
    cases.compile_fail("ui/macros/lint_then_error.rs");
    cases.compile_fail("ui/macros/sunset_omit_without_day.rs");
    cases.compile_fail("ui/macros/unknown_option.rs");
    cases.compile_fail("ui/macros/bad_glob.rs");
    cases.compile_fail("ui/macros/sunset_error.rs");
    cases.compile_fail("ui/macros/deprecated_use.rs");
    cases.compile_fail("ui/macros/repeated_option.rs");
    cases.compile_fail("ui/macros/bad_crate_path.rs");
    cases.compile_fail("ui/macros/version_mismatch.rs");
    cases.compile_fail("ui/macros/empty_list.rs");
    cases.compile_fail("ui/macros/bad_as_of.rs");
    cases.compile_fail("ui/macros/bad_debug.rs");
    cases.compile_fail("ui/macros/limits.rs");
    cases.pass("ui/one_error/pass.rs");
    cases.compile_fail("ui/one_error/option.rs");
    cases.compile_fail("ui/one_error/bad_option.rs");
    cases.compile_fail("ui/one_error/hook.rs");
    cases.compile_fail("ui/one_error/catalog.rs");
    cases.compile_fail("ui/one_error/unreadable.rs");
    #[cfg(unix)]
    cases.compile_fail("ui/macros/special_file.rs");
}

/// The locked output of each hook mistake points first at the tokens the partner wrote inside
/// `#[catalog(...)]`, not at the `#[derive]` line or the hook's pattern.
#[test]
fn hook_mistakes_point_at_what_the_partner_wrote() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/hooks");
    let cases = [
        ("refused_ord", "Ord"),
        ("refused_serde_path", "eventcat::serde::Serialize"),
        ("std_path_over_number", "std::cmp::Eq"),
        ("cannot_derive", "Hash"),
        ("default_required", "Default"),
        ("replace_typo", "MyQeue"),
        ("derive_typo", "Hsh"),
        ("serde_attribute_typo", "renam"),
    ];
    for (case, token) in cases {
        let read = |ext: &str| {
            let path = dir.join(format!("{case}.{ext}"));
            std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        };
        let (source, stderr) = (read("rs"), read("stderr"));
        let marker = format!(" --> ui/hooks/{case}.rs:");
        let at = stderr
            .lines()
            .find_map(|line| line.strip_prefix(&marker))
            .unwrap_or_else(|| panic!("{case}: no location:\n{stderr}"));
        let (line, column) = at.split_once(':').expect("line:column");
        let line: usize = line.parse().expect("a line");
        let column: usize = column.parse().expect("a column");
        let written = source.lines().nth(line - 1).expect("the line");
        assert!(
            written[column - 1..].starts_with(token),
            "{case}: the first error is at {line}:{column}, not at `{token}`:\n{stderr}"
        );
    }
}
