//! The trait every generated event struct implements, and what encoding gives.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{
    CatalogDate, CatalogEntry, CatalogProduct, DeclaredStatus, DecodeError, Direction, EncodeError,
    LifecycleStatus,
};

/// An event schema version of a catalog, with its published facts: one generated struct per
/// event schema version implements it (`AwInteractionFocusV3`). The facts of its event (name,
/// product, direction, status and dates) are those of its entry in the catalog table, given
/// once there; the constants below read them from it.
pub trait PartnerEvent: Serialize + DeserializeOwned + Sized {
    /// The catalog's `Product` enum.
    type Product: CatalogProduct;
    /// Its event's entry in the catalog table (`CatalogEntry::ALL`).
    const ENTRY: &'static CatalogEntry<Self::Product>;
    /// The payload schema version.
    const SCHEMA_VERSION: &'static str;
    /// The event name, such as `aw-interaction-focus-v3`.
    const NAME: &'static str = Self::ENTRY.name;
    /// The product that publishes or accepts it.
    const PRODUCT: Self::Product = Self::ENTRY.product;
    /// Received or send.
    const DIRECTION: Direction = Self::ENTRY.direction;
    /// The declared status.
    const DECLARED_STATUS: DeclaredStatus = Self::ENTRY.declared_status;
    /// The day it became active.
    const ACTIVE: CatalogDate = Self::ENTRY.active;
    /// The day it was deprecated, if it is.
    const DEPRECATED: Option<CatalogDate> = Self::ENTRY.deprecated;
    /// The day it is no longer delivered, if published.
    const SUNSET: Option<CatalogDate> = Self::ENTRY.sunset;
    /// The documented sample payload of this schema version, as JSON text, when the catalog
    /// has one; `eventcat check` decodes it.
    const EXAMPLE: Option<&'static str> = None;

    /// [`PartnerEvent::EXAMPLE`], decoded: a value to start a test from.
    fn example() -> Option<Self> {
        Self::decode(Self::EXAMPLE?).ok()
    }

    /// Decodes a JSON payload of this event; unknown fields are ignored.
    fn decode(payload: &str) -> Result<Self, DecodeError> {
        crate::decode::event::<Self>(payload)
    }

    /// The JSON payload, `schemaVersion` included.
    fn to_json(&self) -> Result<String, EncodeError> {
        serde_json::to_string(self)
            .map_err(|err| EncodeError::new(Self::NAME, Self::SCHEMA_VERSION, &err))
    }

    /// The event name and JSON payload, as the SDK's `sendEvent` takes them.
    fn encode(&self) -> Result<EncodedEvent, EncodeError> {
        Ok(EncodedEvent {
            name: Self::NAME,
            payload: self.to_json()?,
        })
    }

    /// Its status on `day`, from its dates (see [`LifecycleStatus::on`]).
    fn status_on(day: CatalogDate) -> LifecycleStatus {
        LifecycleStatus::on(day, Self::ACTIVE, Self::DEPRECATED, Self::SUNSET)
    }
}

/// An event ready to send: its name and its JSON payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedEvent {
    /// The event name, the first argument of the SDK's `sendEvent`.
    pub name: &'static str,
    /// The JSON payload, `schemaVersion` included.
    pub payload: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Call, Leg, Note};

    #[test]
    fn an_event_encodes_with_its_constants_and_decodes_back() {
        let note = Note { text: "n".into() };
        let encoded = note.encode().expect("encodes");
        assert_eq!(encoded.name, "x-note-v1");
        assert_eq!(encoded.payload, r#"{"text":"n","schemaVersion":"1.0.0"}"#);
        assert_eq!(Note::decode(&encoded.payload), Ok(note));
    }

    #[test]
    fn an_event_the_schema_refuses_is_an_encode_error_naming_it() {
        let call = Call {
            id: "c".into(),
            legs: vec![Leg { number: 1 }; 4],
        };
        let err = call.to_json().expect_err("four legs");
        assert_eq!((err.event, err.schema_version), ("x-call-v1", "1.0.0"));
        assert_eq!(err.message, "`legs` has 4 items, expected at most 3 items");
    }

    #[test]
    fn the_status_of_an_event_follows_its_dates() {
        assert_eq!(
            Note::status_on(CatalogDate::ymd(2024, 12, 31)),
            LifecycleStatus::Upcoming
        );
        assert_eq!(
            Note::status_on(CatalogDate::ymd(2025, 1, 1)),
            LifecycleStatus::Active
        );
    }
}
