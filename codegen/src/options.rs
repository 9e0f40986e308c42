//! Generation options: which events to generate (by product and name pattern), what to do with
//! events already sunset on a given day, the runtime's path and the partner's hooks, each message
//! in the words of the front end the options came from. Selection narrows a checked catalog
//! before planning.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::model::{Catalog, DatedStatus, Direction, Event, Payload, Shape};

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

/// Which events to generate, and the sunset policy. The default generates everything.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep only events of these products (all when empty).
    pub products: Vec<String>,
    /// Keep only events whose name matches one of these glob patterns (all when empty).
    pub events: Vec<String>,
    /// What to do with events sunset on `as_of`.
    pub sunset: SunsetPolicy,
    /// The day the sunset policy is applied for. Never taken from the clock.
    pub as_of: Option<Date>,
    /// The path generated code names the `eventcat` runtime by, for a crate that re-exports it
    /// (`my_sdk::eventcat`); `::eventcat` when `None`.
    pub crate_path: Option<String>,
    /// Derives, attributes and replaced types the partner asks for.
    pub hooks: Hooks,
    /// The generated types that hold values print, with `{:?}`, their name and their fields'
    /// names but no value (`AwInteractionFocusV3 { interaction_id: .., queue: .. }`), so that
    /// no customer value reaches a log; string enums, whose values are the catalog's, still show
    /// them.
    pub redacted_debug: bool,
}

impl Options {
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
        /// The day.
        as_of: Date,
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

/// Narrows `catalog` to the selected events and the shared types they use.
/// The received events of `catalog` that `selected` (chosen from it) does not have, by name,
/// sorted and each once.
pub(crate) fn left_out_received(catalog: &Catalog, selected: &Catalog) -> Vec<String> {
    let kept: BTreeSet<&str> = selected.events.iter().map(|e| e.name.as_str()).collect();
    let left_out: BTreeSet<&str> = catalog
        .events
        .iter()
        .filter(|e| e.direction == Direction::Received && !kept.contains(e.name.as_str()))
        .map(|e| e.name.as_str())
        .collect();
    left_out.into_iter().map(str::to_owned).collect()
}

pub(crate) fn select(catalog: &Catalog, options: &Options) -> Result<Catalog, SelectError> {
    let patterns = patterns(catalog, options)?;
    let as_of = match (options.sunset, options.as_of) {
        (SunsetPolicy::Keep, _) => None,
        (_, Some(day)) => Some(day),
        (SunsetPolicy::Omit, None) => return Err(SelectError::NoAsOf { policy: "omit" }),
        (SunsetPolicy::Error, None) => return Err(SelectError::NoAsOf { policy: "error" }),
    };
    let mut events: Vec<_> = catalog
        .events
        .iter()
        .filter(|e| options.products.is_empty() || options.products.contains(&e.product))
        .filter(|e| patterns.is_empty() || patterns.iter().any(|p| p.matches(&e.name)))
        .cloned()
        .collect();
    if let Some(day) = as_of {
        let sunset: Vec<String> = events
            .iter()
            .filter(|e| e.lifecycle.status_on(day) == DatedStatus::Sunset)
            .map(|e| e.name.clone())
            .collect();
        if !sunset.is_empty() && options.sunset == SunsetPolicy::Error {
            return Err(SelectError::Sunset {
                as_of: day,
                events: sunset.join(", "),
            });
        }
        events.retain(|e| !sunset.contains(&e.name));
    }
    let used = used_types(catalog, &events);
    let products = catalog
        .products
        .iter()
        .filter(|(id, _)| events.iter().any(|e| &e.product == *id))
        .map(|(id, p)| (id.clone(), p.clone()))
        .collect();
    let types = catalog
        .types
        .iter()
        .filter(|t| used.contains(&t.name))
        .cloned()
        .collect();
    Ok(Catalog {
        products,
        types,
        events,
    })
}

/// The event patterns of `options`, after checking that each product is declared and each
/// pattern parses and matches an event.
fn patterns(catalog: &Catalog, options: &Options) -> Result<Vec<glob::Pattern>, SelectError> {
    for product in &options.products {
        if !catalog.products.contains_key(product) {
            let known: Vec<&str> = catalog.products.keys().map(String::as_str).collect();
            return Err(SelectError::UnknownProduct {
                product: product.clone(),
                known: known.join(", "),
            });
        }
    }
    let patterns = options
        .events
        .iter()
        .map(|p| {
            glob::Pattern::new(p).map_err(|err| SelectError::BadPattern {
                pattern: p.clone(),
                reason: err.msg.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    for (pattern, text) in patterns.iter().zip(&options.events) {
        if !catalog.events.iter().any(|e| pattern.matches(&e.name)) {
            return Err(SelectError::UnmatchedPattern {
                pattern: text.clone(),
            });
        }
    }
    Ok(patterns)
}

/// Every shared type the payloads of `events` use, directly or through other types.
fn used_types(catalog: &Catalog, events: &[Event]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for version in events.iter().flat_map(|e| &e.schema_versions) {
        match &version.payload {
            Payload::Fields(fields) => {
                for field in fields {
                    uses(catalog, &field.shape, &mut used);
                }
            }
            Payload::Type(name) => {
                uses(catalog, &Shape::Named(name.clone()), &mut used);
            }
        }
    }
    used
}

/// Adds every shared type `shape` uses, directly or through other types.
fn uses(catalog: &Catalog, shape: &Shape, used: &mut BTreeSet<String>) {
    match shape {
        Shape::Named(name) => {
            if used.insert(name.clone())
                && let Some(decl) = catalog.type_decl(name)
            {
                uses(catalog, &decl.shape, used);
            }
        }
        Shape::Object(fields) => fields.iter().for_each(|f| uses(catalog, &f.shape, used)),
        Shape::Array(e, _) | Shape::Map(e) => uses(catalog, &e.shape, used),
        Shape::OneOf(members) => members.iter().for_each(|m| uses(catalog, &m.shape, used)),
        Shape::Scalar(_) | Shape::Const(_) | Shape::Enum(_) => {}
    }
}

/// The day `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) falls on, when it is set and valid.
pub fn source_date_epoch() -> Option<Result<Date, String>> {
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

/// Every hook, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hooks {
    /// Traits to derive on the types whose name matches a pattern.
    pub derives: Vec<DeriveHook>,
    /// Attributes to put on the types whose name matches a pattern.
    pub type_attributes: Vec<AttributeHook>,
    /// Attributes to put on the fields that match a `Type.field` pattern.
    pub field_attributes: Vec<AttributeHook>,
    /// Catalog types the generated code uses the partner's own type for.
    pub replacements: Vec<Replacement>,
}

/// `derive(pattern, traits...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeriveHook {
    /// A glob over the Rust names of the generated types (`AwInteractionFocus*`).
    pub pattern: String,
    /// The traits, as paths (`Hash`, `schemars::JsonSchema`).
    pub traits: Vec<String>,
}

/// `type_attribute(pattern, attribute)` or `field_attribute(pattern, attribute)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeHook {
    /// For a type, a glob over the Rust names of the generated types; for a field,
    /// `Type.field` with a glob on each side, the field by its Rust name.
    pub pattern: String,
    /// One or more outer attributes, as Rust source (`#[doc(alias = "id")]`).
    pub attribute: String,
}

impl AttributeHook {
    /// The hook putting `attribute` on what `pattern` matches.
    pub fn new(pattern: impl Into<String>, attribute: impl Into<String>) -> Self {
        AttributeHook {
            pattern: pattern.into(),
            attribute: attribute.into(),
        }
    }
}

/// `replace(type, path)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The shared catalog type (`Queue`).
    pub type_name: String,
    /// The Rust path of the partner's type (`crate::model::Queue`), which must implement serde's
    /// `Serialize` and `Deserialize` and what the types that hold it derive.
    pub path: String,
}

/// Which hook an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HookKind {
    /// A [`DeriveHook`].
    Derive,
    /// A type [`AttributeHook`].
    TypeAttribute,
    /// A field [`AttributeHook`].
    FieldAttribute,
    /// A [`Replacement`].
    Replace,
}

/// A hook: its kind, its place among the hooks of that kind, and its pattern (or, for a
/// replacement, its type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookRef {
    /// What kind of hook.
    pub kind: HookKind,
    /// Its place among those given.
    pub index: usize,
    /// Its pattern, or the type it replaces.
    pub pattern: String,
    /// The part of the hook an error is about, when it is one of the Rust it holds: the trait's
    /// place in a derive's list, `0` for an attribute or a replacement's path.
    pub part: Option<u32>,
}

impl HookRef {
    /// The hook of this kind at `index`, with its pattern.
    pub(crate) fn new(kind: HookKind, index: usize, pattern: &str) -> Self {
        Self {
            kind,
            index,
            pattern: pattern.to_owned(),
            part: None,
        }
    }

    /// The same hook, about its `part`.
    pub(crate) fn at(&self, part: usize) -> Self {
        Self {
            part: u32::try_from(part).ok(),
            ..self.clone()
        }
    }

    /// How the user wrote the hook in `front_end`: `derive("Queue", ...)`,
    /// `.derive("Queue", ...)`, `--derive Queue=...`.
    pub fn describe(&self, front_end: FrontEnd) -> String {
        let (name, flag) = match self.kind {
            HookKind::Derive => ("derive", "--derive"),
            HookKind::TypeAttribute => ("type_attribute", "--type-attribute"),
            HookKind::FieldAttribute => ("field_attribute", "--field-attribute"),
            HookKind::Replace => ("replace", "--replace"),
        };
        let pattern = &self.pattern;
        match front_end {
            FrontEnd::Derive => format!("`{name}({pattern:?}, ...)`"),
            FrontEnd::Builder => format!("`.{name}({pattern:?}, ...)`"),
            FrontEnd::Cli => format!("`{flag} {pattern}=...`"),
        }
    }
}

/// The tokens the derive read the Rust of its hooks from, by hook and part (as [`HookRef`]
/// counts them). The generated code holds these tokens, so rustc's errors about a trait, an
/// attribute or a path point at what the partner wrote; without them (build.rs, the CLI) the
/// text of the hooks is parsed.
#[derive(Debug, Clone, Default)]
pub struct HookTokens(BTreeMap<(HookKind, usize, u32), proc_macro2::TokenStream>);

impl HookTokens {
    /// Records the tokens of `part` of the hook of `kind` at `index`.
    pub fn insert(
        &mut self,
        kind: HookKind,
        index: usize,
        part: usize,
        tokens: proc_macro2::TokenStream,
    ) {
        if let Ok(part) = u32::try_from(part) {
            self.0.insert((kind, index, part), tokens);
        }
    }

    /// The tokens of the part of the hook an error is about, when they were recorded.
    pub fn of(&self, hook: &HookRef) -> Option<&proc_macro2::TokenStream> {
        self.0.get(&(hook.kind, hook.index, hook.part?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sunset_policies() {
        let loaded = crate::pipeline::load_bundled().expect("loads");
        let day = crate::model::parse_date("2026-12-09");
        let focus = |sunset| Options {
            events: vec!["aw-interaction-focus-*".into()],
            sunset,
            as_of: day,
            ..Options::default()
        };
        let kept = select(&loaded.catalog, &focus(SunsetPolicy::Keep)).expect("keep");
        assert_eq!(kept.events.len(), 3);
        let omitted = select(&loaded.catalog, &focus(SunsetPolicy::Omit)).expect("omit");
        let names: Vec<&str> = omitted.events.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["aw-interaction-focus-v3"]);
        let refused = select(&loaded.catalog, &focus(SunsetPolicy::Error));
        assert!(matches!(
            refused,
            Err(SelectError::Sunset { ref events, .. })
                if events == "aw-interaction-focus-v1, aw-interaction-focus-v2"
        ));
        let no_day = Options {
            as_of: None,
            ..focus(SunsetPolicy::Omit)
        };
        assert!(matches!(
            select(&loaded.catalog, &no_day),
            Err(SelectError::NoAsOf { policy: "omit" })
        ));
        // The day before v1's sunset, only v2 (sunset 2025-07-19) goes.
        let before = Options {
            as_of: crate::model::parse_date("2026-12-07"),
            ..focus(SunsetPolicy::Omit)
        };
        let names: Vec<String> = select(&loaded.catalog, &before)
            .expect("omit")
            .events
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(
            names,
            ["aw-interaction-focus-v1", "aw-interaction-focus-v3"]
        );
    }

    #[test]
    fn bad_options_are_errors() {
        let loaded = crate::pipeline::load_bundled().expect("loads");
        let with = |products: &[&str], events: &[&str]| Options {
            products: products.iter().map(|s| s.to_string()).collect(),
            events: events.iter().map(|s| s.to_string()).collect(),
            ..Options::default()
        };
        assert!(matches!(
            select(&loaded.catalog, &with(&["agent-workspac"], &[])),
            Err(SelectError::UnknownProduct { .. })
        ));
        assert!(matches!(
            select(&loaded.catalog, &with(&[], &["aw-[x"])),
            Err(SelectError::BadPattern { .. })
        ));
        assert!(matches!(
            select(&loaded.catalog, &with(&[], &["aw-interaction-fokus-*"])),
            Err(SelectError::UnmatchedPattern { .. })
        ));
    }
}
