//! A partner-style program: decode the host's messages, look at focus events in their oldest
//! form, encode the two send events, and report what is deprecated or sunset.
//!
//! `cargo run -p generated-example -- <messages-file> [--as-of YYYY-MM-DD]`
//!
//! The file holds one host message per line (JSON; blank lines and lines starting with `#` are
//! skipped). Lines that cannot be decoded are reported with their number and skipped.

// A binary uses only part of the catalog; the rest would be reported as dead code.
#[allow(dead_code)]
mod built;
#[allow(dead_code)]
mod derived;

use std::collections::BTreeSet;
use std::process::ExitCode;

use built::{
    AwChatMessageReceivedV1, AwInteractionFocus, AwInteractionWrapUpCodesReceivedV1,
    AwInteractionWrapUpCodesReceivedV1WrapUpCodesItem, AwInteractionWrapUpCodesV1_0_1, CatalogDate,
    CatalogEntry, LifecycleStatus, ReceivedEvent, SendEvent,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, as_of) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("usage: generated-example <messages-file> [--as-of YYYY-MM-DD]");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("error: cannot read {path}: {err}");
            return ExitCode::FAILURE;
        }
    };

    println!("== received ({path})");
    let mut seen = BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match ReceivedEvent::from_message(line) {
            Ok(event) => {
                seen.insert(event.name());
                println!("line {number}: {} {}", event.name(), event.schema_version());
                describe(&event);
            }
            Err(err) => println!("line {number}: skipped: {err}"),
        }
    }

    println!();
    println!("== send");
    for event in send_events() {
        match event.encode() {
            Ok(encoded) => println!("{} {}", encoded.name, encoded.payload),
            Err(err) => println!("cannot encode: {err}"),
        }
    }

    println!();
    println!("== lifecycle on {as_of}");
    for name in seen {
        let Some(entry) = CatalogEntry::find(name) else {
            continue;
        };
        let status = entry.status_on(as_of);
        if matches!(
            status,
            LifecycleStatus::Deprecated | LifecycleStatus::Sunset
        ) {
            let sunset = entry
                .sunset
                .map_or("no sunset date".to_owned(), |d| format!("sunset {d}"));
            let replacement = entry.replacement.unwrap_or("no replacement");
            println!("{name}: {status:?} ({sunset}; use {replacement})");
        }
    }
    ExitCode::SUCCESS
}

fn parse_args(args: &[String]) -> Result<(String, CatalogDate), String> {
    let mut path = None;
    let mut as_of = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--as-of" {
            let text = rest.next().ok_or("--as-of needs a date")?;
            as_of = Some(text.parse::<CatalogDate>().map_err(|err| err.to_string())?);
        } else if path.is_none() {
            path = Some(arg.clone());
        } else {
            return Err(format!("unexpected argument `{arg}`"));
        }
    }
    let path = path.ok_or("missing the messages file")?;
    let as_of = match as_of {
        Some(day) => day,
        None => today()?,
    };
    Ok((path, as_of))
}

/// Today in UTC; only the demo's default, never used for code generation.
fn today() -> Result<CatalogDate, String> {
    let day = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    day.to_string()
        .parse()
        .map_err(|err: built::InvalidDate| err.to_string())
}

/// Prints what a program would look at: focus events in their oldest form, wrap-up codes in
/// the newest.
#[allow(deprecated)] // The demo handles the deprecated focus versions on purpose.
fn describe(event: &ReceivedEvent) {
    use built::AwInteractionFocusV1;

    let focus = match event.clone() {
        ReceivedEvent::AwInteractionFocusV1(e) => Some(AwInteractionFocus::from(e)),
        ReceivedEvent::AwInteractionFocusV2(e) => Some(AwInteractionFocus::from(e)),
        ReceivedEvent::AwInteractionFocusV3(e) => Some(AwInteractionFocus::from(e)),
        _ => None,
    };
    if let Some(focus) = focus {
        let oldest = AwInteractionFocusV1::from(focus.clone());
        println!(
            "  focus, oldest view: interaction {}",
            oldest.interaction_id
        );
        match focus {
            AwInteractionFocus::V3(_) => println!("  already the newest version"),
            AwInteractionFocus::V2(_) => {
                println!("  upgrade to v3 needs `is_manual`: AwInteractionFocusV2::upgrade_to_v3")
            }
            AwInteractionFocus::V1(_) => println!(
                "  upgrade to v3 needs `queue` and `is_manual`: AwInteractionFocusV1::upgrade_to_v3"
            ),
        }
    }
    if let ReceivedEvent::AwInteractionWrapUpCodesV1(codes) = event.clone() {
        let upgraded = AwInteractionWrapUpCodesV1_0_1::from(codes);
        println!(
            "  wrap-up codes upgraded to 1.0.1: {} groups",
            upgraded.wrap_up_codes.len()
        );
    }
}

fn send_events() -> Vec<SendEvent> {
    vec![
        AwChatMessageReceivedV1 {
            interaction_id: "int-42".to_owned(),
            message: "Thanks, the agent will be with you shortly.".to_owned(),
        }
        .into(),
        AwInteractionWrapUpCodesReceivedV1 {
            interaction_id: "int-42".to_owned(),
            wrap_up_codes: vec![AwInteractionWrapUpCodesReceivedV1WrapUpCodesItem {
                id: "code-7".to_owned(),
                parent_id: "group-1".to_owned(),
            }],
        }
        .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in file is exactly what build.rs generates; refresh it with
    /// `cargo run -p eventcat-codegen -- generate -o generated-example/src/generated.rs`.
    #[test]
    fn checked_in_output_matches_the_build() {
        let built = include_str!(concat!(env!("OUT_DIR"), "/eventcat.rs"));
        let checked_in = include_str!("generated.rs");
        if built != checked_in {
            let line = built
                .lines()
                .zip(checked_in.lines())
                .position(|(a, b)| a != b)
                .map_or(built.lines().count().min(checked_in.lines().count()), |i| i);
            panic!(
                "generated-example/src/generated.rs is stale (first difference at line {}); \
                 refresh it with `cargo run -p eventcat-codegen -- generate -o \
                 generated-example/src/generated.rs`",
                line + 1
            );
        }
    }

    /// The derive and build.rs produce the same catalog and decode the same way.
    #[test]
    fn derive_and_build_produce_the_same_items() {
        let built: Vec<String> = CatalogEntry::ALL.iter().map(|e| format!("{e:?}")).collect();
        let derived: Vec<String> = derived::Events::CATALOG
            .iter()
            .map(|e| format!("{e:?}"))
            .collect();
        assert_eq!(built, derived);
        assert_eq!(built.len(), 59);

        let message = r#"{"type":"event","schemaVersion":"1.0.0","message":{"eventName":"aw-interaction-focus-v3","value":{"interactionId":"i-1","queue":{"id":"1","queueId":"t~~queue~~chat~~1","queueName":"Sales"},"isManual":true,"schemaVersion":"3.0.0"}}}"#;
        let from_build = ReceivedEvent::from_message(message).map(|e| e.to_json().ok());
        let from_derive = derived::ReceivedEvent::from_message(message).map(|e| e.to_json().ok());
        let from_build = from_build.expect("the sample focus message decodes (build.rs)");
        assert!(from_build.is_some(), "and re-encodes");
        assert_eq!(Ok(from_build), from_derive);
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(parse_args(&[]).is_err());
        assert!(parse_args(&["m.jsonl".into(), "--as-of".into(), "2026-13-01".into()]).is_err());
        let (path, day) =
            parse_args(&["m.jsonl".into(), "--as-of".into(), "2026-12-08".into()]).unwrap();
        assert_eq!(
            (path.as_str(), day.to_string().as_str()),
            ("m.jsonl", "2026-12-08")
        );
    }
}
