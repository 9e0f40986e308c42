//! Decoding any event of a catalog by its name: the generated `ReceivedEvent` implements
//! [`Dispatch`], one `match` from event names to structs, and these functions do the rest.

use crate::decode::version_of;
use crate::{DecodeError, PartnerEvent};

/// An enum of a catalog's events, one variant per event schema version (`ReceivedEvent`), that
/// can route an event name to the struct of its schema version.
pub trait Dispatch: Sized {
    /// Calls `router` with the struct for the event called `name`: `router.event::<T>(versions)`
    /// for an event with one schema version, after `router.version(versions)` for an event with
    /// several, `router.unknown()` for a name the catalog does not have.
    fn route<R: Router<Self>>(name: &str, router: R) -> R::Output;

    /// The received events of the catalog that this build's options (`products`, `events`,
    /// the sunset policy) left out, by name, sorted: decoding one is
    /// [`DecodeErrorKind::UnknownEvent`](crate::DecodeErrorKind::UnknownEvent) with `left_out` set.
    const LEFT_OUT: &'static [&'static str] = &[];
}

/// What [`Dispatch::route`] calls: one way of decoding a payload once its struct is known.
pub trait Router<E>: Sized {
    /// What the routing gives.
    type Output;

    /// For an event with several schema versions: the index in `versions` of the payload's
    /// `schemaVersion`, if it is one of them (`None` decodes as the newest, which then reports
    /// the precise error).
    fn version(&mut self, versions: &'static [&'static str]) -> Option<usize>;

    /// The payload is event `T`, whose name has the schema versions `versions`.
    fn event<T: PartnerEvent>(self, versions: &'static [&'static str]) -> Self::Output
    where
        E: From<T>;

    /// No event of the catalog has the name.
    fn unknown(self) -> Self::Output;
}

/// Decodes the JSON `payload` of the event called `name`, choosing the struct by the payload's
/// `schemaVersion`. Unknown fields are ignored.
pub fn decode<E: Dispatch>(name: &str, payload: &str) -> Result<E, DecodeError> {
    E::route(name, Text::new(name, payload, payload))
}

/// Routes a payload given as text: decodes it as the struct chosen; errors keep `raw`.
pub(crate) struct Text<'a> {
    name: &'a str,
    payload: &'a str,
    raw: &'a str,
}

impl<'a> Text<'a> {
    /// The payload `payload` of the event called `name`, found in `raw`.
    pub(crate) fn new(name: &'a str, payload: &'a str, raw: &'a str) -> Self {
        Self { name, payload, raw }
    }
}

impl<E: Dispatch> Router<E> for Text<'_> {
    type Output = Result<E, DecodeError>;

    fn version(&mut self, versions: &'static [&'static str]) -> Option<usize> {
        let found = version_of(self.payload)?;
        versions
            .iter()
            .position(|version| *version == found.as_str())
    }

    // Each event gets its own small copy of the decoder, which keeps the routing `match` small.
    #[inline(never)]
    fn event<T: PartnerEvent>(self, versions: &'static [&'static str]) -> Self::Output
    where
        E: From<T>,
    {
        crate::decode::payload::<T, E>(self.payload, self.raw, versions)
    }

    fn unknown(self) -> Self::Output {
        let left_out = E::LEFT_OUT.binary_search(&self.name).is_ok();
        Err(DecodeError::unknown_event(self.name, left_out, self.raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DecodeErrorKind;
    use crate::testing::{Call, Leg, Note, Received, TaggedNote, call_payload};

    fn decoded(name: &str, payload: &str) -> Result<Received, DecodeError> {
        decode(name, payload)
    }

    #[test]
    fn a_payload_decodes_as_the_struct_of_its_name_and_schema_version() {
        let call = decoded("x-call-v1", &call_payload(r#"[{"number":1}]"#));
        let legs = vec![Leg { number: 1 }];
        assert_eq!(
            call,
            Ok(Received::Call(Call {
                id: "c-1".into(),
                legs
            }))
        );
        let old = decoded("x-note-v1", r#"{"text":"a","schemaVersion":"1.0.0"}"#);
        assert_eq!(old, Ok(Received::Note(Note { text: "a".into() })));
        let new = decoded(
            "x-note-v1",
            r#"{"schemaVersion":"1.1.0","text":"b","tag":"t"}"#,
        );
        let tagged = TaggedNote {
            text: "b".into(),
            tag: Some("t".into()),
        };
        assert_eq!(new, Ok(Received::TaggedNote(tagged)));
    }

    #[test]
    fn an_event_the_build_left_out_says_so() {
        for (name, left_out) in [
            ("x-memo-v2", true),
            ("x-fax-v1", true),
            ("x-memo-v1", false),
        ] {
            match decoded(name, "{}") {
                Err(err) if matches!(err.kind(), DecodeErrorKind::UnknownEvent { .. }) => {
                    assert!(
                        matches!(err.kind(), DecodeErrorKind::UnknownEvent { left_out: l, .. } if *l == left_out)
                    );
                    assert_eq!(
                        err.to_string().contains("left out of this build"),
                        left_out,
                        "{err}"
                    );
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn each_failure_is_its_own_error_and_keeps_the_payload() {
        let unknown = r#"{"text":"a"}"#;
        assert!(matches!(
            decoded("x-memo-v1", unknown).map_err(DecodeError::into_parts),
            Err((DecodeErrorKind::UnknownEvent { ref name, .. }, ref raw)) if name == "x-memo-v1" && raw == unknown
        ));
        let future = r#"{"schemaVersion":"2.0.0","text":"a"}"#;
        assert!(matches!(
            decoded("x-note-v1", future).map_err(DecodeError::into_parts),
            Err((DecodeErrorKind::UnsupportedSchemaVersion { event: "x-note-v1", ref found, supported, .. }, _))
                if found == "2.0.0" && supported == ["1.0.0", "1.1.0"]
        ));
        let cases = [
            (
                call_payload(r#"[{"number":"one"}]"#),
                "legs[0].number",
                "invalid type: string, expected i64",
            ),
            (
                call_payload("[]"),
                "legs",
                "invalid length 0, expected at least 1 items",
            ),
            (
                call_payload(r#"[{"number":1},{}]"#),
                "legs[1]",
                "missing field `number`",
            ),
            (
                r#"{"schemaVersion":"1.0.0","legs":[{"number":1}]}"#.to_owned(),
                ".",
                "missing field `id`",
            ),
            (
                r#"{"schemaVersion":"1.0.0","id":"a","id":"b","legs":[]}"#.to_owned(),
                ".",
                "duplicate field `id`",
            ),
        ];
        for (payload, expected_path, expected) in cases {
            match decoded("x-call-v1", &payload).map_err(DecodeError::into_parts) {
                Err((DecodeErrorKind::InvalidPayload { path, message, .. }, raw)) => {
                    assert_eq!(
                        (path.as_str(), message.as_str()),
                        (expected_path, expected),
                        "{payload}"
                    );
                    assert_eq!(raw, payload);
                }
                other => panic!("{payload}: {other:?}"),
            }
        }
        let broken = r#"{"schemaVersion":"1.0.0","id":"#;
        assert!(matches!(
            decoded("x-call-v1", broken).map_err(DecodeError::into_parts),
            Err((DecodeErrorKind::MalformedJson { .. }, _))
        ));
    }

    #[test]
    fn a_lone_surrogate_decodes_as_the_replacement_character() {
        let note = decoded(
            "x-note-v1",
            r#"{"schemaVersion":"1.1.0","text":"half \ud83d"}"#,
        );
        let text = "half \u{fffd}".to_owned();
        assert_eq!(
            note,
            Ok(Received::TaggedNote(TaggedNote { text, tag: None }))
        );
    }

    #[test]
    fn messages_decode_in_either_envelope_or_report_the_host_failure() {
        let payload = r#"{"schemaVersion":"1.0.0","text":"n"}"#;
        let sdk = format!(
            r#"{{"type":"event","message":{{"eventName":"x-note-v1","value":{payload}}}}}"#
        );
        let maestro = format!(r#"{{"eventType":"x-note-v1","status":"success","data":{payload}}}"#);
        for message in [sdk, maestro] {
            assert_eq!(
                crate::envelope::from_message::<Received>(&message),
                Ok(Received::Note(Note { text: "n".into() }))
            );
        }
        let failed =
            r#"{"eventType":"x-note-v1","status":"failed","data":{"error":"INVALID_SCHEMA"}}"#;
        assert!(matches!(
            crate::envelope::from_message::<Received>(failed).map_err(DecodeError::into_parts),
            Err((DecodeErrorKind::HostFailure { ref code, .. }, _)) if code == "INVALID_SCHEMA"
        ));
    }

    #[test]
    fn a_host_failure_keeps_its_code_whatever_its_data_holds() {
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        let datas = [
            format!(r#"{{"details":{deep},"error":"INVALID_SCHEMA"}}"#),
            format!(r#"{{"error":"INVALID_SCHEMA","details":{deep}}}"#),
            r#"{"note":"\ud83d","error":"INVALID_SCHEMA"}"#.to_owned(),
            r#"{"error":"INVALID_SCHEMA","n":1e999999}"#.to_owned(),
        ];
        for data in datas {
            let failed = format!(r#"{{"eventType":"x-note-v1","status":"failed","data":{data}}}"#);
            match crate::envelope::from_message::<Received>(&failed)
                .map_err(DecodeError::into_parts)
            {
                Err((DecodeErrorKind::HostFailure { code, detail, .. }, raw)) => {
                    assert_eq!(code, "INVALID_SCHEMA", "{data}");
                    assert_eq!(detail, data);
                    assert_eq!(raw, failed);
                }
                other => panic!("{data}: {other:?}"),
            }
        }
    }
}
