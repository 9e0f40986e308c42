//! The `EventCatalog` derive (in progress): typed 8x8 partner events from a catalog file.
