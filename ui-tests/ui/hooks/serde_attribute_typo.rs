// A misspelt serde attribute on a type serde's derive reads: serde's error is at the attribute.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/union.yaml", type_attribute("Reference", #[serde(renam = "x")]))]
pub struct Events;

fn main() {}
