//! `eventcat list`: the rows of [`eventcat_codegen::listing::rows`] as a table or as JSON.

use eventcat_codegen::listing::ListRow;

use super::table;

/// The rows as an aligned text table with a header, then the day `AS-OF` is computed for.
pub fn table(rows: &[ListRow]) -> String {
    let header = [
        "EVENT",
        "PRODUCT",
        "DIRECTION",
        "SCHEMAS",
        "DECLARED",
        "AS-OF",
        "ACTIVE",
        "DEPRECATED",
        "SUNSET",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|row| {
            [
                row.name.clone(),
                row.product.clone(),
                row.direction.to_owned(),
                row.schema_versions.join(","),
                row.declared_status.to_owned(),
                row.status.to_owned(),
                row.active_date.clone(),
                row.deprecation_date.clone().unwrap_or_else(|| "-".into()),
                row.sunset_date.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut out = table::render(header, &cells);
    if let Some(first) = rows.first() {
        out.push_str(&format!("(AS-OF status computed for {})\n", first.as_of));
    }
    out
}

/// The rows as a pretty-printed JSON array, with a final newline.
pub fn json(rows: &[ListRow]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(rows).map(|json| format!("{json}\n"))
}
