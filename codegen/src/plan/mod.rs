//! The resolved generation model: every Rust name chosen, every type resolved, every conversion
//! between the versions of a family decided. [`crate::emit`] turns a [`Plan`] into tokens without
//! making any further decision.
//!
//! One module per concept, as in `emit`: the generated types and their defaults (`types`), the
//! conversions between versions (`conversions`), products, deprecation and the runtime table
//! (`lifecycle`), and the event structs with their families and carriers (`events`).

mod conversions;
mod events;
mod lifecycle;
mod types;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Catalog, Event, ItemBounds};
use crate::naming::Names;
pub use crate::naming::Part;
pub use conversions::{Conversion, ConversionKind, FieldSource, ValueConversion};
pub use events::{Carried, CarrierItem, EventItem, FamilyItem};
use lifecycle::replacements;
pub use lifecycle::{Deprecation, EntryItem, ProductItem, is_deprecated, replacement};
use types::mark_defaults;
pub use types::{
    AliasItem, CONSTANT_DERIVES, ConstantField, ConstantItem, ENUM_DERIVES, EnumItem, Extra,
    FieldItem, JsonKind, STRUCT_DERIVES, StructItem, TypeItem, TypeRef, UnionItem, Written,
    literal,
};

/// Everything to generate, in output order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Products, in id order.
    pub products: Vec<ProductItem>,
    /// Structs, enums and unions: shared types first, then each event with its inline types.
    pub types: Vec<TypeItem>,
    /// One per event schema version, in catalog order (versions oldest first).
    pub events: Vec<EventItem>,
    /// Conversions between versions of a family, and between nested inline types.
    pub conversions: Vec<Conversion>,
    /// Families with more than one version.
    pub families: Vec<FamilyItem>,
    /// One per catalog event, for the runtime table.
    pub entries: Vec<EntryItem>,
    /// The inline types (objects, enums and unions written in place), by Rust name: whose part
    /// each one is. A type of [`Plan::types`] is an event struct, an inline type or a catalog
    /// type.
    pub parts: BTreeMap<String, Part>,
    /// The shared object types that are the whole payload of a received event, each with every
    /// received event that carries one at its top level: `ReceivedEvent::call_objects()`.
    pub carriers: Vec<CarrierItem>,
    /// The types that hold values implement `Debug` through the runtime's redacted printer,
    /// which shows no value, instead of deriving it.
    pub redacted_debug: bool,
    /// The received events of the whole catalog that the options left out, by name, sorted:
    /// decoding one says so.
    pub left_out: Vec<String>,
}

/// Builds the plan for `catalog` with the `names` chosen when it was checked (or when the catalog
/// it was selected from was), the shared types in `replaced` (name to Rust path) replaced by the
/// partner's own types: not generated, and named by that path wherever they appear. The errors
/// are places `names` has no name for, which only a catalog other than the one named has.
pub(crate) fn plan(
    catalog: &Catalog,
    names: &Names,
    replaced: &BTreeMap<String, Written>,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut planner = Planner {
        catalog,
        names,
        types: Vec::new(),
        parts: BTreeMap::new(),
        errors: Vec::new(),
        item_bounds: catalog.type_item_bounds(),
        replaced,
        structs: BTreeMap::new(),
        replacements: replacements(catalog),
    };
    planner.shared_types();
    let mut events = Vec::new();
    for (entry, event) in catalog.events.iter().enumerate() {
        events.extend(planner.event(entry, event));
    }
    let mut families = planner.families(&events);
    let carriers = planner.carriers(&events);
    let products = planner.products();
    let entries = planner.entries();
    let conversions = planner.conversions(&events, &mut families);
    if !planner.errors.is_empty() {
        return Err(planner.errors);
    }
    let mut types = planner.types;
    mark_defaults(&mut types);
    Ok(Plan {
        products,
        types,
        events,
        conversions,
        families,
        entries,
        parts: planner.parts,
        carriers,
        redacted_debug: false,
        left_out: Vec::new(),
    })
}

struct Planner<'a> {
    catalog: &'a Catalog,
    /// The Rust name of every item, chosen when the catalog was checked.
    names: &'a Names,
    types: Vec<TypeItem>,
    /// The inline types declared, with whose part each one is.
    parts: BTreeMap<String, Part>,
    /// The places `names` has no name for.
    errors: Vec<Diagnostic>,
    /// The item bounds of every shared type, through aliases.
    item_bounds: BTreeMap<&'a str, ItemBounds>,
    /// The shared types the partner replaced with their own, to the path of theirs.
    replaced: &'a BTreeMap<String, Written>,
    /// The index in `types` of each struct declared before the events.
    structs: BTreeMap<String, usize>,
    /// The replacement of a deprecated event, by family ([`replacements`]).
    replacements: BTreeMap<&'a str, &'a Event>,
}

impl<'a> Planner<'a> {
    /// The name `names` has for `what`, or an error saying it has none.
    fn named<T>(&mut self, name: Option<T>, what: impl FnOnce() -> String) -> Option<T> {
        if name.is_none() {
            let message = format!(
                "no Rust name was chosen for {}: the catalog is not the one that was checked",
                what()
            );
            self.errors
                .push(Diagnostic::error("unnamed", Location::default(), message));
        }
        name
    }

    /// The `Product` variant of a product id.
    fn product_variant(&mut self, id: &str) -> String {
        let names = self.names;
        self.named(names.product(id), || format!("product `{id}`"))
            .unwrap_or_default()
            .to_owned()
    }
}
