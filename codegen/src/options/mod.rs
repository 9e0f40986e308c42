//! Generation options: which events to generate (by product and name pattern), what to do with
//! events already sunset on a given day, the runtime's path and the partner's hooks, each message
//! in the words of the front end the options came from.
//!
//! The derive, the build.rs `Builder` and the CLI each read what the partner wrote into one
//! [`Options`]; every rule about them (a list given empty, the as-of day, `SOURCE_DATE_EPOCH`, a
//! sunset policy without a day) is applied once, by [`Options::resolve`], when code is
//! generated. Selection ([`select`]) then narrows a checked catalog before planning.

mod hooks;
mod select;

use jiff::civil::Date;

pub(crate) use hooks::{AttributeHook, DeriveHook, Hooks, Replacement};
pub use hooks::{HookKind, HookRef, HookTokens};
pub(crate) use select::{left_out_received, select};

/// What to do with an event whose sunset date has passed on the `as_of` day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SunsetPolicy {
    /// Generate it like any other (the default).
    #[default]
    Keep,
    /// Leave it out.
    Omit,
    /// Refuse to generate.
    Error,
}

impl SunsetPolicy {
    /// Parses `keep`, `omit` or `error`.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "keep" => Some(SunsetPolicy::Keep),
            "omit" => Some(SunsetPolicy::Omit),
            "error" => Some(SunsetPolicy::Error),
            _ => None,
        }
    }
}

/// Which events to generate and how, as the partner gave them. The default generates every
/// event of the catalog, keeps sunset ones, and names the runtime `::eventcat`.
///
/// ```
/// use eventcat_codegen::{Options, SunsetPolicy};
///
/// let options = Options::new()
///     .events(["aw-interaction-focus-*"])
///     .sunset(SunsetPolicy::Omit)
///     .as_of("2026-06-01")
///     .derive("AwInteractionFocusV1", ["Hash", "Eq"]);
/// let loaded = eventcat_codegen::load_bundled().expect("the bundled catalog loads");
/// let items = eventcat_codegen::generate(&loaded, &options).expect("the focus events");
/// assert!(items.to_string().contains("AwInteractionFocusV3"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    products: Option<Vec<String>>,
    events: Option<Vec<String>>,
    sunset: SunsetPolicy,
    as_of: Option<String>,
    crate_path: Option<String>,
    hooks: Hooks,
    redacted_debug: bool,
}

/// The options with every rule applied: what selection reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    /// Keep only events of these products (all when empty).
    pub(crate) products: Vec<String>,
    /// Keep only events whose name matches one of these glob patterns (all when empty).
    pub(crate) events: Vec<String>,
    /// What to do with events sunset on `as_of`.
    pub(crate) sunset: SunsetPolicy,
    /// The day the sunset policy is applied for, when it needs one.
    pub(crate) as_of: Option<Date>,
}

impl Options {
    /// Every event, sunset ones kept (the default).
    pub fn new() -> Self {
        Self::default()
    }

    /// Generate only events of these products (ids such as `agent-workspace`). An empty list
    /// is an error: leave the call out to generate every event. The last call stands.
    pub fn products<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.products = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Generate only events whose name matches one of these glob patterns. An empty list is
    /// an error: leave the call out to generate every event. The last call stands.
    pub fn events<I: IntoIterator<Item = S>, S: Into<String>>(mut self, patterns: I) -> Self {
        self.events = Some(patterns.into_iter().map(Into::into).collect());
        self
    }

    /// What to do with events sunset on the as-of day.
    pub fn sunset(mut self, policy: SunsetPolicy) -> Self {
        self.sunset = policy;
        self
    }

    /// The day (`YYYY-MM-DD`) the sunset policy is applied for. Without it, a policy other
    /// than [`SunsetPolicy::Keep`] takes the day from `SOURCE_DATE_EPOCH`; the clock is never
    /// read.
    pub fn as_of(mut self, day: impl Into<String>) -> Self {
        self.as_of = Some(day.into());
        self
    }

    /// The path generated code names the `eventcat` runtime by, for a crate that re-exports it
    /// (`my_sdk::eventcat`); `::eventcat` by default.
    pub fn crate_path(mut self, path: impl Into<String>) -> Self {
        self.crate_path = Some(path.into());
        self
    }

    /// Derives `traits` (`["Hash", "Eq"]`, or paths such as `schemars::JsonSchema`) on the
    /// generated types whose name matches the glob `pattern`.
    pub fn derive<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        pattern: impl Into<String>,
        traits: I,
    ) -> Self {
        let traits = traits.into_iter().map(Into::into).collect();
        let pattern = pattern.into();
        self.hooks.derives.push(DeriveHook { pattern, traits });
        self
    }

    /// Puts `attribute` (Rust source, `#[non_exhaustive]`) on the types matching `pattern`.
    pub fn type_attribute(
        mut self,
        pattern: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        let hook = AttributeHook::new(pattern, attribute);
        self.hooks.type_attributes.push(hook);
        self
    }

    /// Puts `attribute` on the fields matching `pattern`, `Type.field` with a glob on each side
    /// and the field by its Rust name (`"AwInteractionFocusV3.interaction_id"`).
    pub fn field_attribute(
        mut self,
        pattern: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        let hook = AttributeHook::new(pattern, attribute);
        self.hooks.field_attributes.push(hook);
        self
    }

    /// Uses the partner's type at the Rust path `path` (`"crate::model::Queue"`) wherever the
    /// catalog's shared type `type_name` appears, instead of generating it.
    pub fn replace(mut self, type_name: impl Into<String>, path: impl Into<String>) -> Self {
        let type_name = type_name.into();
        let path = path.into();
        self.hooks
            .replacements
            .push(Replacement { type_name, path });
        self
    }

    /// The generated types that hold values print, with `{:?}`, their name and their fields'
    /// names but no value (`AwInteractionFocusV3 { interaction_id: .., queue: .. }`), so that
    /// no customer value reaches a log; string enums, whose values are the catalog's, still
    /// show them.
    pub fn redacted_debug(mut self) -> Self {
        self.redacted_debug = true;
        self
    }

    /// True when the as-of day is `SOURCE_DATE_EPOCH`'s: no day given, and a sunset policy
    /// that needs one. A front end then rebuilds when the variable changes.
    pub fn reads_source_date_epoch(&self) -> bool {
        self.as_of.is_none() && self.sunset != SunsetPolicy::Keep
    }

    /// The options with every rule applied, the one place the rules are: a list given empty is
    /// an error; the as-of day is the one given, as `YYYY-MM-DD`, or `SOURCE_DATE_EPOCH`'s when
    /// the sunset policy needs a day; a policy that needs one and has none is an error.
    pub(crate) fn resolve(&self) -> Result<Resolved, SelectError> {
        let list = |given: &Option<Vec<String>>, option| match given {
            Some(items) if items.is_empty() => Err(SelectError::EmptyList(option)),
            Some(items) => Ok(items.clone()),
            None => Ok(Vec::new()),
        };
        let products = list(&self.products, ListOption::Products)?;
        let events = list(&self.events, ListOption::Events)?;
        let as_of = match &self.as_of {
            Some(text) => Some(
                crate::model::parse_date(text)
                    .ok_or_else(|| SelectError::BadAsOf { day: text.clone() })?,
            ),
            None if self.reads_source_date_epoch() => source_date_epoch()
                .transpose()
                .map_err(|text| SelectError::BadSourceDateEpoch { text })?,
            None => None,
        };
        if as_of.is_none() && self.sunset != SunsetPolicy::Keep {
            let policy = if self.sunset == SunsetPolicy::Omit {
                "omit"
            } else {
                "error"
            };
            return Err(SelectError::NoAsOf { policy });
        }
        Ok(Resolved {
            products,
            events,
            sunset: self.sunset,
            as_of,
        })
    }

    /// The partner's hooks.
    pub(crate) fn hooks(&self) -> &Hooks {
        &self.hooks
    }

    /// Whether the types' `Debug` shows no value.
    pub(crate) fn is_redacted_debug(&self) -> bool {
        self.redacted_debug
    }

    /// The runtime's path as tokens: `crate_path`, or `::eventcat`.
    pub(crate) fn runtime_path(&self) -> Result<proc_macro2::TokenStream, SelectError> {
        let Some(text) = &self.crate_path else {
            return Ok(quote::quote! { ::eventcat });
        };
        let bad = |reason: &str| SelectError::BadCratePath {
            path: text.clone(),
            reason: reason.to_owned(),
        };
        let path: syn::Path = syn::parse_str(text).map_err(|err| bad(&err.to_string()))?;
        if path.segments.iter().any(|s| !s.arguments.is_none()) {
            return Err(bad("a crate path has no generic arguments"));
        }
        Ok(quote::ToTokens::into_token_stream(path))
    }
}

/// Why options could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectError {
    /// A product the catalog does not declare.
    #[error("unknown product `{product}` (the catalog declares: {known})")]
    UnknownProduct {
        /// The product given.
        product: String,
        /// The products the catalog declares.
        known: String,
    },
    /// A glob pattern that does not parse.
    #[error("invalid event pattern `{pattern}`: {reason}")]
    BadPattern {
        /// The pattern given.
        pattern: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A pattern that matches no event.
    #[error("event pattern `{pattern}` matches no event of the catalog")]
    UnmatchedPattern {
        /// The pattern given.
        pattern: String,
    },
    /// `events = []` or `products = []`: a list that selects no event.
    #[error("{}", self.message(FrontEnd::Cli))]
    EmptyList(ListOption),
    /// The as-of day is not a `YYYY-MM-DD` day.
    #[error("{}", self.message(FrontEnd::Cli))]
    BadAsOf {
        /// The day given.
        day: String,
    },
    /// `SOURCE_DATE_EPOCH`, which gives the day, is not a number of seconds.
    #[error("SOURCE_DATE_EPOCH `{text}` is not a number of seconds")]
    BadSourceDateEpoch {
        /// The variable's value.
        text: String,
    },
    /// `sunset = "omit"` or `"error"` without a day to apply it for.
    #[error("{}", self.message(FrontEnd::Cli))]
    NoAsOf {
        /// The policy given.
        policy: &'static str,
    },
    /// The crate path is not a Rust path such as `::eventcat` or `my_sdk::eventcat`.
    #[error("{}", self.message(FrontEnd::Cli))]
    BadCratePath {
        /// The path given.
        path: String,
        /// Why it is not one.
        reason: String,
    },
    /// `sunset = "error"` and events are sunset on `as_of`.
    #[error("{}", self.message(FrontEnd::Cli))]
    Sunset {
        /// The day, `YYYY-MM-DD`.
        as_of: String,
        /// The sunset events, comma-separated.
        events: String,
    },
}

/// The front end a message is for, so that it names options the way the user wrote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    /// `#[catalog(as_of = "...")]`.
    Derive,
    /// `Builder::as_of("...")` in build.rs.
    Builder,
    /// `eventcat generate --as-of ...`.
    Cli,
}

impl FrontEnd {
    /// How the user sets the as-of day here.
    fn as_of(self) -> &'static str {
        match self {
            FrontEnd::Derive => "`as_of = \"YYYY-MM-DD\"`",
            FrontEnd::Builder => "`.as_of(\"YYYY-MM-DD\")`",
            FrontEnd::Cli => "`--as-of YYYY-MM-DD`",
        }
    }

    /// How the user wrote this as-of day here.
    fn as_of_given(self, day: &str) -> String {
        match self {
            FrontEnd::Derive => format!("`as_of = {day:?}`"),
            FrontEnd::Builder => format!("`.as_of({day:?})`"),
            FrontEnd::Cli => format!("`--as-of {day}`"),
        }
    }

    /// How the user wrote this crate path here.
    fn crate_path(self, path: &str) -> String {
        match self {
            FrontEnd::Derive => format!("`crate = {path:?}`"),
            FrontEnd::Builder => format!("`.crate_path({path:?})`"),
            FrontEnd::Cli => format!("`--crate-path {path}`"),
        }
    }

    /// How the user wrote this sunset policy here.
    fn sunset(self, policy: &str) -> String {
        match self {
            FrontEnd::Derive => format!("sunset = \"{policy}\""),
            FrontEnd::Builder => {
                let variant = if policy == "omit" { "Omit" } else { "Error" };
                format!(".sunset(SunsetPolicy::{variant})")
            }
            FrontEnd::Cli => format!("--sunset {policy}"),
        }
    }
}

/// A list option of the generation options: which of them a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOption {
    /// `products`: product ids.
    Products,
    /// `events`: event name patterns.
    Events,
}

impl ListOption {
    /// The message for this option given as an empty list (`events = []`, `.events([])`), in
    /// the words of `front_end`. An empty list would select no event, which no build wants, and
    /// leaving the option out selects every event; so every front end refuses an empty list
    /// rather than read it as either. (The CLI cannot give one: each `--events` has a value.)
    pub fn empty_message(self, front_end: FrontEnd) -> String {
        let (option, flag, items) = match self {
            ListOption::Products => ("products", "--product", "product id"),
            ListOption::Events => ("events", "--events", "event name pattern"),
        };
        let (given, left_out) = match front_end {
            FrontEnd::Derive => (format!("`{option} = []`"), format!("leave `{option}` out")),
            FrontEnd::Builder => (
                format!("`.{option}([])`"),
                format!("leave out `.{option}(...)`"),
            ),
            FrontEnd::Cli => (format!("an empty `{flag}`"), format!("give no `{flag}`")),
        };
        format!(
            "{given} selects no event: list at least one {items}, or {left_out} to generate \
             every event"
        )
    }
}

impl SelectError {
    /// The message in the words of `front_end`: option names as the user writes them there.
    pub fn message(&self, front_end: FrontEnd) -> String {
        match self {
            SelectError::NoAsOf { policy } => format!(
                "`{}` needs a day to apply it for: set {} or SOURCE_DATE_EPOCH",
                front_end.sunset(policy),
                front_end.as_of()
            ),
            SelectError::EmptyList(option) => option.empty_message(front_end),
            SelectError::BadAsOf { day } => format!(
                "{}: not a day of the form YYYY-MM-DD",
                front_end.as_of_given(day)
            ),
            SelectError::BadCratePath { path, reason } => format!(
                "{} is not a path to the eventcat crate, such as `::eventcat` or \
                 `my_sdk::eventcat`: {reason}",
                front_end.crate_path(path)
            ),
            SelectError::Sunset { as_of, events } => format!(
                "events sunset on {as_of}: {events} (`{}`)",
                front_end.sunset("error")
            ),
            other => other.to_string(),
        }
    }
}

/// The day `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) falls on, when it is set and valid.
pub(crate) fn source_date_epoch() -> Option<Result<Date, String>> {
    let text = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    Some(
        text.trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{text}` is not a number of seconds")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving_applies_every_rule() {
        let none: [&str; 0] = [];
        assert_eq!(
            Options::new().events(none).resolve().err(),
            Some(SelectError::EmptyList(ListOption::Events))
        );
        assert_eq!(
            Options::new().products(none).resolve().err(),
            Some(SelectError::EmptyList(ListOption::Products))
        );
        assert_eq!(
            Options::new().as_of("2026-02-30").resolve().err(),
            Some(SelectError::BadAsOf {
                day: "2026-02-30".to_owned()
            })
        );
        let day = Options::new()
            .sunset(SunsetPolicy::Omit)
            .as_of("2026-06-01")
            .resolve()
            .expect("a day");
        assert_eq!(
            day.as_of.map(|d| d.to_string()).as_deref(),
            Some("2026-06-01")
        );
        // Kept, the day is not needed, and not read from SOURCE_DATE_EPOCH either.
        assert!(!Options::new().reads_source_date_epoch());
        assert!(
            Options::new()
                .sunset(SunsetPolicy::Error)
                .reads_source_date_epoch()
        );
        assert!(
            !Options::new()
                .sunset(SunsetPolicy::Error)
                .as_of("2026-06-01")
                .reads_source_date_epoch()
        );
        if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
            assert_eq!(
                Options::new().sunset(SunsetPolicy::Omit).resolve().err(),
                Some(SelectError::NoAsOf { policy: "omit" })
            );
        }
    }

    #[test]
    fn each_front_end_names_the_option_its_way() {
        let bad = SelectError::BadAsOf {
            day: "soon".to_owned(),
        };
        assert_eq!(
            bad.message(FrontEnd::Derive),
            "`as_of = \"soon\"`: not a day of the form YYYY-MM-DD"
        );
        assert_eq!(
            bad.message(FrontEnd::Builder),
            "`.as_of(\"soon\")`: not a day of the form YYYY-MM-DD"
        );
        assert_eq!(
            bad.to_string(),
            "`--as-of soon`: not a day of the form YYYY-MM-DD"
        );
    }
}
