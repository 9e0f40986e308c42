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

/// Decodes a message as the host delivers it, in either envelope (see
/// [`crate::envelope`]); the payload is decoded where it lies in the message.
pub fn from_message<E: Dispatch>(message: &str) -> Result<E, DecodeError> {
    crate::envelope::decode(message)
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

impl<E> Router<E> for Text<'_> {
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
        Err(DecodeError::unknown_event(self.name, self.raw))
    }
}
