//! The decoders generated from the bundled catalog: `ReceivedEvent::decode(name, payload)` with
//! the event name taken from the input (up to its first newline), and
//! `ReceivedEvent::from_message(text)`. Nothing may panic, every error keeps the raw text, and
//! what decodes encodes and decodes again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, deprecated, missing_docs)]
mod catalog {
    include!("../../generated-example/src/generated.rs");
}

use catalog::ReceivedEvent;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The event name is the first line (or a known name picked by the first byte, so that the
    // fuzzer reaches the payload decoders without having to guess a name).
    let (head, payload) = text.split_once('\n').unwrap_or(("", text));
    let name = match head.strip_prefix('#') {
        Some(index) => {
            let entries = catalog::CatalogEntry::ALL;
            let i = index
                .bytes()
                .fold(0usize, |n, b| n.wrapping_mul(31).wrapping_add(b.into()));
            entries[i % entries.len()].name
        }
        None => head,
    };
    match ReceivedEvent::decode(name, payload) {
        Err(err) => {
            assert_eq!(err.raw(), payload, "decode lost the raw payload: {err}");
            let _ = err.to_string();
        }
        // What decodes encodes, and decodes again to the same value.
        Ok(event) => {
            let json = event.to_json().expect("a decoded event encodes");
            let again = ReceivedEvent::decode(name, &json).expect("an encoded event decodes");
            assert_eq!(again, event, "round trip through {json}");
        }
    }
    if let Err(err) = ReceivedEvent::from_message(text) {
        assert_eq!(err.raw(), text, "from_message lost the raw message: {err}");
        let _ = err.to_string();
    }
});
