//! The decoders generated from `corpus/ok/every-shape.yaml`, the catalog with every shape a
//! field can have: compiled by the odd-catalog tests (`odd_catalogs.rs`) and compared with its
//! JSON Schemas by the schema tests (`schema.rs`).

#[derive(eventcat::EventCatalog)]
#[catalog(path = "corpus/ok/every-shape.yaml")]
pub struct Events;
