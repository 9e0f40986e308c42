//! A catalog past one of eventcat's limits is refused at the `path` option, with the catalog's
//! own location of what crosses it: the type nested too deep, the first field too many.
#[derive(eventcat::EventCatalog)]
#[catalog(path = "catalogs/deep.yaml")]
pub struct Deep;

mod wide {
    #[derive(eventcat::EventCatalog)]
    #[catalog(path = "catalogs/wide.yaml")]
    pub struct Wide;
}

fn main() {
    drop((Deep::CATALOG, wide::Wide::CATALOG));
}
