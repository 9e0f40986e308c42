//! The partner's hooks on the generated code, the same from the derive, build.rs and the CLI:
//! extra derives and attributes on types and fields chosen by name pattern, and catalog types
//! replaced by the partner's own types (as prost-build's `type_attribute` and `extern_path`, or
//! typify's `with_derive` and `with_replacement`).
//!
//! Replacements are planned (the plan uses the partner's path wherever the type appears);
//! derives and attributes are applied to a plan afterwards, where a derive that cannot hold (a
//! `Hash` over a number, a `Default` with a field that must be present, an `Ord` without `Eq`)
//! is an error at that field of the catalog or at the hook, not a compile error inside generated
//! code. A standard trait is known by any of its paths (`Hash`, `std::hash::Hash`,
//! `::core::hash::Hash`) and derived once however often it is named; serde's are refused.
//! The generated code holds the partner's Rust as written (the derive's tokens keep their
//! spans), so rustc's errors about a misspelt path point at it.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Catalog, Payload, Shape, TypeDecl};
use crate::options::{FrontEnd, HookKind, HookRef, HookTokens, Hooks};
use crate::plan::{
    CONSTANT_DERIVES, ENUM_DERIVES, Plan, STRUCT_DERIVES, StructItem, TypeItem, TypeRef, Written,
};

/// Why the hooks do not fit the catalog.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HookError {
    /// A pattern that is not a glob, or a field pattern without its `.`.
    #[error("invalid pattern `{pattern}`: {reason}")]
    BadPattern {
        /// The hook.
        hook: HookRef,
        /// The pattern given.
        pattern: String,
        /// Why it does not parse.
        reason: String,
    },
    /// A pattern that matches nothing generated.
    #[error("pattern `{pattern}` matches no {what} of the generated code")]
    UnmatchedPattern {
        /// The hook.
        hook: HookRef,
        /// The pattern given.
        pattern: String,
        /// `type` or `field`.
        what: &'static str,
    },
    /// Text that is not an attribute, a trait path or a type path.
    #[error("`{text}` is not {expected}: {reason}")]
    BadSyntax {
        /// The hook.
        hook: HookRef,
        /// The text given.
        text: String,
        /// What it should be.
        expected: &'static str,
        /// Why it is not.
        reason: String,
    },
    /// A trait a derive hook may not name: serde's, which eventcat implements, or one with
    /// generic arguments.
    #[error("`{path}` {reason}")]
    Refused {
        /// The hook, about the trait.
        hook: HookRef,
        /// The trait's path, as written.
        path: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// A standard trait derived without the traits it needs (`Ord` without `Eq`).
    #[error(
        "`{name}` cannot be derived for `{type_name}` without `{missing}`: add {} to the derive",
        if missing.contains(' ') { "them" } else { "it" }
    )]
    Needs {
        /// The hook, about the trait.
        hook: HookRef,
        /// The trait (`Ord`).
        name: &'static str,
        /// The type it is derived for.
        type_name: String,
        /// The traits it needs and the type does not derive (`Eq` and `PartialOrd`).
        missing: String,
    },
    /// A replacement of a name that is not a shared type of the catalog.
    #[error("`{name}` is not a type of the catalog (its `types`), so it cannot be replaced")]
    UnknownType {
        /// The hook.
        hook: HookRef,
        /// The name given.
        name: String,
    },
    /// A replacement of a type the generated code must read itself, or a derive that cannot
    /// hold: located in the catalog.
    #[error("{}", report.render_errors(false).trim_end())]
    Catalog {
        /// The hook.
        hook: HookRef,
        /// The catalog's report, with the error at the place it is about.
        report: Report,
    },
}

impl HookError {
    /// The hook the error is about.
    pub fn hook(&self) -> &HookRef {
        match self {
            HookError::BadPattern { hook, .. }
            | HookError::UnmatchedPattern { hook, .. }
            | HookError::BadSyntax { hook, .. }
            | HookError::Refused { hook, .. }
            | HookError::Needs { hook, .. }
            | HookError::UnknownType { hook, .. }
            | HookError::Catalog { hook, .. } => hook,
        }
    }

    /// The message, naming the hook as the user wrote it in `front_end`.
    pub fn message(&self, front_end: FrontEnd) -> String {
        format!("{}: {self}", self.hook().describe(front_end))
    }
}

/// The replaced types of `selected`, name to the partner's path as written (its `tokens`, if
/// the derive recorded them), after checking each replacement against `catalog`: a Rust path,
/// for a shared type that is neither a constant nor the whole payload of an event (which
/// eventcat reads and writes itself).
pub fn replacements(
    catalog: &Catalog,
    selected: &Catalog,
    hooks: &Hooks,
    tokens: &HookTokens,
    report: &Report,
) -> Result<BTreeMap<String, Written>, HookError> {
    let mut replaced = BTreeMap::new();
    for (index, replacement) in hooks.replacements.iter().enumerate() {
        let hook = HookRef::new(HookKind::Replace, index, &replacement.type_name);
        let path = parse::<syn::Path>(
            &hook.at(0),
            &replacement.path,
            tokens,
            "a type path such as `crate::model::Queue`",
        )?;
        let Some(decl) = catalog.type_decl(&replacement.type_name) else {
            let name = replacement.type_name.clone();
            return Err(HookError::UnknownType { hook, name });
        };
        if let Some((location, why)) = not_replaceable(selected, decl) {
            let message = format!("`{}` cannot be replaced: {why}", decl.name);
            let diagnostic = Diagnostic::error("replace", location, message);
            let report = Report {
                diagnostics: vec![diagnostic],
                ..report.clone()
            };
            return Err(HookError::Catalog { hook, report });
        }
        let path = Written::new(quote::ToTokens::into_token_stream(path));
        replaced.insert(replacement.type_name.clone(), path);
    }
    Ok(replaced)
}

/// Why the generated code cannot use a partner's type for `decl`, and where.
fn not_replaceable(selected: &Catalog, decl: &TypeDecl) -> Option<(Location, String)> {
    if let Shape::Const(_) = decl.shape {
        return Some((decl.location, "a constant type is its one value".to_owned()));
    }
    let payloads = selected.events.iter().flat_map(|event| {
        event
            .schema_versions
            .iter()
            .map(move |version| (event, version))
    });
    for (event, version) in payloads {
        if matches!(&version.payload, Payload::Type(name) if *name == decl.name) {
            let why = format!(
                "it is the whole payload of `{}` {}, which eventcat reads and writes itself \
                 (replace a type it uses instead)",
                event.name, version.version
            );
            return Some((version.location, why));
        }
    }
    None
}

/// The part of `hook` parsed as a `T`, from the tokens the derive recorded for it (keeping their
/// spans) or else from its `text`; or the error naming what it should have been.
fn parse<T: syn::parse::Parse>(
    hook: &HookRef,
    text: &str,
    tokens: &HookTokens,
    expected: &'static str,
) -> Result<T, HookError> {
    let parsed = match tokens.of(hook) {
        Some(tokens) => syn::parse2(tokens.clone()),
        None => syn::parse_str(text),
    };
    parsed.map_err(|err| HookError::BadSyntax {
        hook: hook.clone(),
        text: text.to_owned(),
        expected,
        reason: err.to_string(),
    })
}

/// A glob pattern over names.
fn glob(hook: &HookRef, pattern: &str) -> Result<glob::Pattern, HookError> {
    glob::Pattern::new(pattern).map_err(|err| HookError::BadPattern {
        hook: hook.clone(),
        pattern: pattern.to_owned(),
        reason: err.msg.to_owned(),
    })
}

/// Applies the derive and attribute hooks to `plan` (whose replacements are planned already),
/// with the Rust of each hook as the derive recorded it in `tokens` (or else from its text).
/// `report` is the catalog's, for errors at the place they are about.
pub fn apply(
    plan: &mut Plan,
    hooks: &Hooks,
    tokens: &HookTokens,
    report: &Report,
) -> Result<(), HookError> {
    let derives = chosen_derives(plan, hooks, tokens)?;
    check_needs(plan, &derives)?;
    check_derives(plan, &derives, report)?;
    for (name, traits) in &derives {
        let traits = traits.values().map(|t| t.path.clone()).collect();
        set_derives(plan, name, traits);
    }
    type_attributes(plan, hooks, tokens)?;
    field_attributes(plan, hooks, tokens)
}

/// A trait a derive hook names: its path as written, and the hook, about it.
#[derive(Clone)]
struct Named {
    path: Written,
    hook: HookRef,
}

/// The traits a hook asks for on each type, by the name that tells them apart (a standard
/// trait's own name however its path is written, `Hash` for `::core::hash::Hash`; any other's
/// path), the first path given for each.
type Asked = BTreeMap<String, BTreeMap<String, Named>>;

/// The traits each type gets from the derive hooks, without those it has already.
fn chosen_derives(plan: &Plan, hooks: &Hooks, tokens: &HookTokens) -> Result<Asked, HookError> {
    let mut chosen: Asked = BTreeMap::new();
    for (index, hook) in hooks.derives.iter().enumerate() {
        let at = HookRef::new(HookKind::Derive, index, &hook.pattern);
        let pattern = glob(&at, &hook.pattern)?;
        let traits: Vec<(String, Named)> = hook
            .traits
            .iter()
            .enumerate()
            .map(|(part, text)| derived_trait(&at.at(part), text, tokens))
            .collect::<Result<_, _>>()?;
        let matched = derivable(plan)
            .filter(|(name, _)| pattern.matches(name))
            .collect::<Vec<_>>();
        if matched.is_empty() {
            return Err(unmatched(&at, &hook.pattern, "type"));
        }
        for (name, has) in matched {
            let asked = chosen.entry(name.to_owned()).or_default();
            for (key, named) in traits.iter().filter(|(key, _)| !has.has(key)) {
                asked.entry(key.clone()).or_insert_with(|| named.clone());
            }
        }
    }
    Ok(chosen)
}

/// A trait path of a derive hook, with the name that tells it apart; serde's traits (which
/// eventcat implements) and generic arguments are refused.
fn derived_trait(
    hook: &HookRef,
    text: &str,
    tokens: &HookTokens,
) -> Result<(String, Named), HookError> {
    let path = parse::<syn::Path>(hook, text, tokens, "a trait path such as `Hash`")?;
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let refuse = |reason| HookError::Refused {
        hook: hook.clone(),
        path: text.to_owned(),
        reason,
    };
    if path.segments.iter().any(|s| !s.arguments.is_none()) {
        return Err(refuse(
            "names a trait with generic arguments, which a derive does not take",
        ));
    }
    if is_serde(&segments) {
        return Err(refuse(
            "is serde's: eventcat implements serde's traits for every type it generates",
        ));
    }
    let path = Written::new(quote::ToTokens::into_token_stream(path));
    let key = std_trait(&segments).map_or_else(|| path.path_text(), str::to_owned);
    let hook = hook.clone();
    Ok((key, Named { path, hook }))
}

/// The standard traits a derive may name, with the module of `std` and `core` that holds each.
const STD_TRAITS: &[(&str, &str)] = &[
    ("Debug", "fmt"),
    ("Clone", "clone"),
    ("Copy", "marker"),
    ("PartialEq", "cmp"),
    ("Eq", "cmp"),
    ("PartialOrd", "cmp"),
    ("Ord", "cmp"),
    ("Hash", "hash"),
    ("Default", "default"),
];

/// The standard trait a path names (`Hash`, `std::hash::Hash`, `::core::hash::Hash`,
/// `std::prelude::v1::Hash`, `alloc::fmt::Debug`), if it names one.
fn std_trait(segments: &[String]) -> Option<&'static str> {
    let (last, modules) = segments.split_last()?;
    let &(name, module) = STD_TRAITS.iter().find(|(name, _)| last == name)?;
    let std = |root: &str| root == "std" || root == "core";
    let holds = match modules {
        [] => true,
        [root, m] => m == module && (std(root) || (root == "alloc" && module == "fmt")),
        [root, prelude, _] => std(root) && prelude == "prelude",
        _ => false,
    };
    holds.then_some(name)
}

/// Whether a path names serde's `Serialize` or `Deserialize` (`Serialize`, `serde::Serialize`,
/// `eventcat::serde::Serialize`).
fn is_serde(segments: &[String]) -> bool {
    let Some((last, modules)) = segments.split_last() else {
        return false;
    };
    let serde = matches!(modules.last().map(String::as_str), None | Some("serde"));
    serde && (last == "Serialize" || last == "Deserialize")
}

/// What a standard trait's derive needs the type to derive too.
const NEEDS: &[(&str, &[&str])] = &[
    ("Ord", &["Eq", "PartialOrd"]),
    ("Eq", &["PartialEq"]),
    ("PartialOrd", &["PartialEq"]),
    ("Copy", &["Clone"]),
];

/// Fails at the first trait derived without a trait it needs (`Ord` without `Eq`), counting
/// what the types derive already.
fn check_needs(plan: &Plan, derives: &Asked) -> Result<(), HookError> {
    for (name, traits) in derives {
        for (key, named) in traits {
            let Some(&(trait_name, needs)) = NEEDS.iter().find(|(t, _)| t == key) else {
                continue;
            };
            let missing: Vec<&str> = needs
                .iter()
                .copied()
                .filter(|need| !has_trait(plan, derives, name, need))
                .collect();
            if !missing.is_empty() {
                return Err(HookError::Needs {
                    hook: named.hook.clone(),
                    name: trait_name,
                    type_name: name.clone(),
                    missing: missing.join("` and `"),
                });
            }
        }
    }
    Ok(())
}

fn unmatched(hook: &HookRef, pattern: &str, what: &'static str) -> HookError {
    HookError::UnmatchedPattern {
        hook: hook.clone(),
        pattern: pattern.to_owned(),
        what,
    }
}

/// What a generated type derives before the hooks.
#[derive(Clone, Copy)]
struct Derived {
    traits: &'static [&'static str],
    default: bool,
}

impl Derived {
    /// Whether it derives `wanted`.
    fn has(self, wanted: &str) -> bool {
        self.traits.contains(&wanted) || (self.default && wanted == "Default")
    }
}

/// Every type a derive may go on, with what it derives already: the catalog's types (not plain
/// aliases, which are not types of their own) and the family enums.
fn derivable(plan: &Plan) -> impl Iterator<Item = (&str, Derived)> {
    let derived = |traits, default| Derived { traits, default };
    let types = plan.types.iter().filter_map(move |item| match item {
        TypeItem::Struct(s) => Some((s.name.as_str(), derived(STRUCT_DERIVES, s.has_default))),
        TypeItem::Enum(e) => Some((e.name.as_str(), derived(ENUM_DERIVES, false))),
        TypeItem::Union(u) => Some((u.name.as_str(), derived(STRUCT_DERIVES, false))),
        TypeItem::Alias(a) if a.newtype => Some((a.name.as_str(), derived(STRUCT_DERIVES, false))),
        TypeItem::Alias(_) => None,
        TypeItem::Constant(c) => Some((c.name.as_str(), derived(CONSTANT_DERIVES, true))),
    });
    let families = plan
        .families
        .iter()
        .map(move |f| (f.name.as_str(), derived(STRUCT_DERIVES, false)));
    types.chain(families)
}

/// Whether a type has `wanted` once the hooks are applied: it derives it already, or gets it.
fn has_trait(plan: &Plan, derives: &Asked, name: &str, wanted: &str) -> bool {
    let given = derives
        .get(name)
        .is_some_and(|traits| traits.contains_key(wanted));
    given || derivable(plan).any(|(n, has)| n == name && has.has(wanted))
}

/// Fails at the first field that keeps a chosen derive from holding.
fn check_derives(plan: &Plan, derives: &Asked, report: &Report) -> Result<(), HookError> {
    let checker = Checker { plan, derives };
    for (name, traits) in derives {
        for (wanted, named) in traits {
            if let Some(problem) = checker.problem(name, wanted) {
                let message = format!(
                    "`{wanted}` cannot be derived for `{name}`: {}",
                    problem.reason
                );
                let diagnostic = Diagnostic::error("derive", problem.location, message);
                return Err(HookError::Catalog {
                    hook: named.hook.clone(),
                    report: Report {
                        diagnostics: vec![diagnostic],
                        ..report.clone()
                    },
                });
            }
        }
    }
    Ok(())
}

/// Why a derive does not hold, and where.
struct Problem {
    reason: String,
    location: Location,
}

/// Decides whether a derive holds for a type, given every type's traits after the hooks.
struct Checker<'a> {
    plan: &'a Plan,
    derives: &'a Asked,
}

impl Checker<'_> {
    /// What keeps `wanted` from holding for the type `name`, if anything. Traits eventcat does
    /// not know (`schemars::JsonSchema`) are left to the compiler.
    fn problem(&self, name: &str, wanted: &str) -> Option<Problem> {
        let checked = ["Eq", "Hash", "PartialOrd", "Ord", "Copy", "Default"];
        if !checked.contains(&wanted) {
            return None;
        }
        if let Some(family) = self.plan.families.iter().find(|f| f.name == name) {
            return self.family_problem(family, wanted);
        }
        match self.plan.types.iter().find(|t| t.name() == name)? {
            TypeItem::Struct(s) => self.struct_problem(s, wanted),
            TypeItem::Union(u) => {
                let members = u
                    .variants
                    .iter()
                    .map(|(variant, ty)| (variant.as_str(), ty, false));
                self.members_problem("member", members, wanted, u.location)
            }
            TypeItem::Alias(a) => self.members_problem(
                "value",
                [("0", &a.ty, false)].into_iter(),
                wanted,
                a.location,
            ),
            TypeItem::Enum(e) => Some(Problem {
                reason: "a string enum has no value to start from".to_owned(),
                location: e.location,
            }),
            TypeItem::Constant(_) => None,
        }
    }

    fn family_problem(&self, family: &crate::plan::FamilyItem, wanted: &str) -> Option<Problem> {
        let (_, first, _) = family.variants.first()?;
        let location = self.location_of(first);
        if wanted == "Default" {
            return Some(Problem {
                reason: "an enum of versions has no version to start from".to_owned(),
                location,
            });
        }
        let variants = family
            .variants
            .iter()
            .map(|(variant, ty, _)| (variant.as_str(), ty));
        for (variant, ty) in variants {
            if !self.has(ty, wanted) {
                return Some(Problem {
                    reason: format!(
                        "its variant `{variant}` holds a `{ty}`, which does not derive `{wanted}`; add `{ty}` to the pattern"
                    ),
                    location: self.location_of(ty),
                });
            }
        }
        None
    }

    fn struct_problem(&self, item: &StructItem, wanted: &str) -> Option<Problem> {
        if let Some(wrapped) = &item.wraps {
            return (!self.has(wrapped, wanted)).then(|| Problem {
                reason: format!("it holds a `{wrapped}`, which does not derive `{wanted}`; add `{wrapped}` to the pattern"),
                location: item.location,
            });
        }
        if wanted == "Default" {
            let literal = |f: &crate::plan::FieldItem| {
                let types = &self.plan.types;
                f.default
                    .as_ref()
                    .is_some_and(|d| crate::plan::literal(types, d, &f.ty))
            };
            let required = item.fields.iter().find(|f| !f.optional && !literal(f))?;
            return Some(Problem {
                reason: format!(
                    "its field `{}` must be present (it is not optional and has no catalog `default`)",
                    required.rust_name.trim_start_matches("r#")
                ),
                location: required.location,
            });
        }
        let fields = item.fields.iter().map(|f| {
            (
                f.rust_name.trim_start_matches("r#"),
                &f.ty,
                f.optional || f.nullable,
            )
        });
        let located = item.fields.iter().map(|f| f.location);
        for ((field, ty, _), location) in fields.zip(located) {
            if let Some(reason) = self.type_problem(ty, wanted) {
                return Some(Problem {
                    reason: format!("its field `{field}` {reason}"),
                    location,
                });
            }
        }
        None
    }

    fn members_problem<'t>(
        &self,
        what: &str,
        members: impl Iterator<Item = (&'t str, &'t TypeRef, bool)>,
        wanted: &str,
        location: Location,
    ) -> Option<Problem> {
        if wanted == "Default" {
            return Some(Problem {
                reason: "a union has no member to start from".to_owned(),
                location,
            });
        }
        for (member, ty, _) in members {
            if let Some(reason) = self.type_problem(ty, wanted) {
                return Some(Problem {
                    reason: format!("its {what} `{member}` {reason}"),
                    location,
                });
            }
        }
        None
    }

    /// Why a value of `ty` keeps `wanted` from holding (`is a number (f64), which is not
    /// Hash`), if it does.
    fn type_problem(&self, ty: &TypeRef, wanted: &str) -> Option<String> {
        match ty {
            TypeRef::Number if matches!(wanted, "Eq" | "Hash" | "Ord") => {
                Some(format!("is a number (`f64`), which is not `{wanted}`"))
            }
            TypeRef::String | TypeRef::Array(_) | TypeRef::Map(_) if wanted == "Copy" => {
                Some("holds data on the heap, which is not `Copy`".to_owned())
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.type_problem(inner, wanted)
            }
            TypeRef::Named(name) if !self.has(name, wanted) => Some(format!(
                "is a `{name}`, which does not derive `{wanted}`; add `{name}` to the pattern"
            )),
            _ => None,
        }
    }

    /// Whether the type `name` has `wanted` once the hooks are applied; a plain alias has what
    /// the type it names has.
    fn has(&self, name: &str, wanted: &str) -> bool {
        match self.plan.types.iter().find(|t| t.name() == name) {
            Some(TypeItem::Alias(alias)) if !alias.newtype => {
                self.type_problem(&alias.ty, wanted).is_none()
            }
            _ => has_trait(self.plan, self.derives, name, wanted),
        }
    }

    /// Where the type `name` is declared, for a problem about it.
    fn location_of(&self, name: &str) -> Location {
        self.plan
            .types
            .iter()
            .find(|t| t.name() == name)
            .map(TypeItem::location)
            .unwrap_or_default()
    }
}

/// Adds `traits` to the derives of the type `name`.
fn set_derives(plan: &mut Plan, name: &str, traits: Vec<Written>) {
    if let Some(family) = plan.families.iter_mut().find(|f| f.name == name) {
        family.extra.derives.extend(traits);
        return;
    }
    if let Some(item) = plan.types.iter_mut().find(|t| t.name() == name) {
        item.extra_mut().derives.extend(traits);
    }
}

/// Puts each type attribute hook's attributes on the types it matches.
fn type_attributes(plan: &mut Plan, hooks: &Hooks, tokens: &HookTokens) -> Result<(), HookError> {
    for (index, hook) in hooks.type_attributes.iter().enumerate() {
        let at = HookRef::new(HookKind::TypeAttribute, index, &hook.pattern);
        let pattern = glob(&at, &hook.pattern)?;
        let attributes = attributes(&at.at(0), &hook.attribute, tokens)?;
        let mut matched = false;
        for item in plan.types.iter_mut().filter(|t| pattern.matches(t.name())) {
            item.extra_mut()
                .attributes
                .extend(attributes.iter().cloned());
            matched = true;
        }
        for family in plan
            .families
            .iter_mut()
            .filter(|f| pattern.matches(&f.name))
        {
            family.extra.attributes.extend(attributes.iter().cloned());
            matched = true;
        }
        if !matched {
            return Err(unmatched(&at, &hook.pattern, "type"));
        }
    }
    Ok(())
}

/// Puts each field attribute hook's attributes on the struct fields it matches.
fn field_attributes(plan: &mut Plan, hooks: &Hooks, tokens: &HookTokens) -> Result<(), HookError> {
    for (index, hook) in hooks.field_attributes.iter().enumerate() {
        let at = HookRef::new(HookKind::FieldAttribute, index, &hook.pattern);
        let (types, fields) = field_pattern(&at, &hook.pattern)?;
        let attributes = attributes(&at.at(0), &hook.attribute, tokens)?;
        let mut matched = false;
        let structs = plan.types.iter_mut().filter_map(|t| match t {
            TypeItem::Struct(s) if s.wraps.is_none() && types.matches(&s.name) => Some(s),
            _ => None,
        });
        for item in structs {
            let chosen = item
                .fields
                .iter_mut()
                .filter(|f| fields.matches(f.rust_name.trim_start_matches("r#")));
            for field in chosen {
                field.attributes.extend(attributes.iter().cloned());
                matched = true;
            }
        }
        if !matched {
            return Err(unmatched(&at, &hook.pattern, "field"));
        }
    }
    Ok(())
}

/// `Type.field`: a glob over types and one over their fields' Rust names.
fn field_pattern(
    hook: &HookRef,
    pattern: &str,
) -> Result<(glob::Pattern, glob::Pattern), HookError> {
    let Some((types, fields)) = pattern.rsplit_once('.') else {
        return Err(HookError::BadPattern {
            hook: hook.clone(),
            pattern: pattern.to_owned(),
            reason: "a field pattern is `Type.field` (`AwInteractionFocusV3.interaction_id`)"
                .to_owned(),
        });
    };
    Ok((glob(hook, types)?, glob(hook, fields)?))
}

/// One or more outer attributes, checked and kept as written.
fn attributes(hook: &HookRef, text: &str, tokens: &HookTokens) -> Result<Vec<Written>, HookError> {
    /// Outer attributes.
    struct Outer(Vec<syn::Attribute>);

    impl syn::parse::Parse for Outer {
        fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
            let attributes = syn::Attribute::parse_outer(input)?;
            if attributes.is_empty() {
                return Err(input.error("expected an attribute such as `#[doc(alias = \"id\")]`"));
            }
            Ok(Self(attributes))
        }
    }

    let expected = "an attribute such as `#[doc(alias = \"id\")]`";
    let Outer(attributes) = parse(hook, text, tokens, expected)?;
    Ok(attributes
        .into_iter()
        .map(|a| Written::new(quote::ToTokens::into_token_stream(a)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        let path: syn::Path = syn::parse_str(path).expect("a path");
        path.segments.iter().map(|s| s.ident.to_string()).collect()
    }

    #[test]
    fn a_standard_trait_is_known_by_any_of_its_paths() {
        for path in [
            "Hash",
            "std::hash::Hash",
            "::core::hash::Hash",
            "core::prelude::rust_2021::Hash",
        ] {
            assert_eq!(std_trait(&segments(path)), Some("Hash"), "{path}");
        }
        assert_eq!(std_trait(&segments("alloc::fmt::Debug")), Some("Debug"));
        for path in [
            "std::cmp::Hash",
            "my::hash::Hash",
            "schemars::JsonSchema",
            "Hsh",
        ] {
            assert_eq!(std_trait(&segments(path)), None, "{path}");
        }
    }

    #[test]
    fn serde_is_known_by_any_path_through_serde() {
        for path in [
            "Serialize",
            "serde::Deserialize",
            "::serde::Serialize",
            "eventcat::serde::Serialize",
        ] {
            assert!(is_serde(&segments(path)), "{path}");
        }
        assert!(!is_serde(&segments("schemars::Serialize")));
        assert!(!is_serde(&segments("serde::Serializer")));
    }
}
