//! Walking an error's `source()` chain: each message is said once (shared with the runtime's
//! error tests of the `tests` package).

use std::error::Error;

/// The messages along `err`'s chain, outermost first.
pub fn chain(err: &dyn Error) -> Vec<String> {
    let mut messages = vec![err.to_string()];
    let mut next = err.source();
    while let Some(cause) = next {
        messages.push(cause.to_string());
        next = cause.source();
    }
    messages
}

/// Fails when a message of the chain repeats one further down, or is empty; `what` names the
/// error in the failure.
pub fn assert_said_once(what: &str, err: &dyn Error) {
    let messages = chain(err);
    for (index, outer) in messages.iter().enumerate() {
        assert!(
            !outer.trim().is_empty(),
            "{what}: an empty message in {messages:#?}"
        );
        for inner in &messages[index + 1..] {
            assert!(
                !outer.contains(inner.as_str()),
                "{what}: `{inner}` is said twice along the chain {messages:#?}"
            );
        }
    }
}
