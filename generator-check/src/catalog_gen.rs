//! Random catalogs for the generator check: valid in form, with names drawn from hostile
//! alphabets (keywords, `Self`, digits first, non-ASCII, case and separator collisions), and
//! every shape, attribute and lifecycle the catalog format allows.
//!
//! The generator is deterministic: the same seed, index and [`Features`] give the same text.
//! It needs nothing but `std`, because the build script of this crate compiles it too (with
//! `#[path]`): there it writes the catalogs whose generated code the crate then compiles.
//!
//! Not every catalog made here is accepted: some names collide (`a-b` and `a_b` as fields), and
//! the validator must refuse those with a located error. The build script counts both kinds.

use std::fmt::Write as _;

/// The seed CI uses; `EVENTCAT_GENCHECK_SEED` overrides it for a local exploration.
pub const DEFAULT_SEED: u64 = 0x00E7_E27C_A7A1_0609;

/// How many catalogs CI generates per build; `EVENTCAT_GENCHECK_COUNT` overrides it.
pub const DEFAULT_COUNT: u64 = 60;

// Each hostile feature the generator knows, with its CI setting. A feature that is `false` here
// makes catalogs the validator refuses by design (the broken corpus covers those).
// `EVENTCAT_GENCHECK_FEATURES=all` (or a comma-separated list of feature names) overrides these
// for a local run.

/// Rust keywords (`type`, `fn`, `match`) as field names, enum values, products and families.
pub const KEYWORDS: bool = true;
/// `Self`, `self`, `super`, `crate` and `_` as field names and enum values, which the README
/// says become `self_` and `Self_`.
pub const SELF_NAMES: bool = true;
/// `super` and `crate` as products and families, and their accepted neighbours (`self-type`,
/// `SelfType`); `self` and `Self` there are refused by design.
pub const SELF_TYPES: bool = true;
/// Field names and enum values starting with a digit (`1st`, `9`, `1`), which the README says
/// get a prefix.
pub const DIGIT_FIRST: bool = true;
/// Product ids starting with a digit (`1p`, `0`, `2-factor`): refused by design (the
/// `product-id` rule), so off here; `corpus/broken/product-id-*.yaml` covers them.
pub const DIGIT_PRODUCTS: bool = false;
/// Non-ASCII letters in names (`café`, `名前`, `ñandú`, `Ωmega`).
pub const NON_ASCII: bool = true;
/// Characters that are in no identifier (`x²`, `½`, an emoji).
pub const NON_IDENTIFIER_CHARS: bool = true;
/// Names that meet after case and separator conversion: products `a-b`, `a`, `ab`; families
/// `a-b` and `ab`; enum values `a-b`, `A-B`, `aB`.
pub const SEPARATOR_COLLISIONS: bool = true;
/// Type names that generated names take too: `AbV1` beside event `ab-v1`, `AwFocus` beside
/// the family enum of `aw-focus`, `XV1Queue` beside an inline type: refused by design
/// (`name-collision`, `type-name`), so off here; the broken corpus covers them.
pub const TYPE_EVENT_COLLISIONS: bool = false;
/// Prerelease and build versions (`1.0.0-a`, `1.0.0+b`).
pub const PRERELEASES: bool = true;
/// Types that contain themselves through `array` and `map`, including the plain alias
/// `A: {array: A}`.
pub const RECURSION: bool = true;
/// Schema versions with `fields: {}`.
pub const EMPTY_VERSIONS: bool = true;
/// Catalogs with only `send` or only `received` events.
pub const ONE_DIRECTION: bool = true;
/// Names the generated code uses itself: types `Wire`, `D`, `S`, `T`, `Value`; fields
/// `schema_version`, `SchemaVersion`, `_schema_version`, `wire`, `serializer`.
pub const GENERATED_NAMES: bool = true;
/// `rust_name`s, including a raw `r#a` beside a field `a`.
pub const RUST_NAMES: bool = true;
/// A `one_of` that lists a member twice (`[A, A3, A]`).
pub const UNION_DUPLICATES: bool = true;
/// Docs with a carriage return, bidi controls, `*/`, backslashes and quotes.
pub const HOSTILE_DOCS: bool = true;
/// Versions of a family, and objects converted between them, that share no field: every
/// conversion between them ignores its input. Without it every object has
/// the field `key: {type: string}`.
pub const DISJOINT_VERSIONS: bool = true;
/// Types declared without a `doc`: their generated items have no doc comment, which
/// `missing_docs` (on in this workspace) refuses.
pub const UNDOCUMENTED: bool = true;
/// Type names of the prelude and of serde that are not reserved (`Clone`, `Default`, `From`,
/// `Serialize`, `Error`).
pub const PRELUDE_SHADOWS: bool = true;

/// Which hostile features a run uses. Everything else (every shape, optional and nullable
/// fields, constants (also shared ones), item bounds, defaults, conversions between versions,
/// shared and `payload:` types, deprecation dates) is always on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// See [`KEYWORDS`].
    pub keywords: bool,
    /// See [`SELF_NAMES`].
    pub self_names: bool,
    /// See [`SELF_TYPES`].
    pub self_types: bool,
    /// See [`DIGIT_FIRST`].
    pub digit_first: bool,
    /// See [`DIGIT_PRODUCTS`].
    pub digit_products: bool,
    /// See [`NON_ASCII`].
    pub non_ascii: bool,
    /// See [`NON_IDENTIFIER_CHARS`].
    pub non_identifier_chars: bool,
    /// See [`SEPARATOR_COLLISIONS`].
    pub separator_collisions: bool,
    /// See [`TYPE_EVENT_COLLISIONS`].
    pub type_event_collisions: bool,
    /// See [`PRERELEASES`].
    pub prereleases: bool,
    /// See [`RECURSION`].
    pub recursion: bool,
    /// See [`EMPTY_VERSIONS`].
    pub empty_versions: bool,
    /// See [`ONE_DIRECTION`].
    pub one_direction: bool,
    /// See [`GENERATED_NAMES`].
    pub generated_names: bool,
    /// See [`RUST_NAMES`].
    pub rust_names: bool,
    /// See [`UNION_DUPLICATES`].
    pub union_duplicates: bool,
    /// See [`HOSTILE_DOCS`].
    pub hostile_docs: bool,
    /// See [`PRELUDE_SHADOWS`].
    pub prelude_shadows: bool,
    /// See [`UNDOCUMENTED`].
    pub undocumented: bool,
    /// See [`DISJOINT_VERSIONS`].
    pub disjoint_versions: bool,
}

/// The names of the features, as `EVENTCAT_GENCHECK_FEATURES` spells them.
pub const FEATURE_NAMES: &[&str] = &[
    "keywords",
    "self_names",
    "self_types",
    "digit_first",
    "digit_products",
    "non_ascii",
    "non_identifier_chars",
    "separator_collisions",
    "type_event_collisions",
    "prereleases",
    "recursion",
    "empty_versions",
    "one_direction",
    "generated_names",
    "rust_names",
    "union_duplicates",
    "hostile_docs",
    "prelude_shadows",
    "undocumented",
    "disjoint_versions",
];

impl Features {
    /// The features CI runs with: the constants above.
    pub const CI: Features = Features {
        keywords: KEYWORDS,
        self_names: SELF_NAMES,
        self_types: SELF_TYPES,
        digit_first: DIGIT_FIRST,
        digit_products: DIGIT_PRODUCTS,
        non_ascii: NON_ASCII,
        non_identifier_chars: NON_IDENTIFIER_CHARS,
        separator_collisions: SEPARATOR_COLLISIONS,
        type_event_collisions: TYPE_EVENT_COLLISIONS,
        prereleases: PRERELEASES,
        recursion: RECURSION,
        empty_versions: EMPTY_VERSIONS,
        one_direction: ONE_DIRECTION,
        generated_names: GENERATED_NAMES,
        rust_names: RUST_NAMES,
        union_duplicates: UNION_DUPLICATES,
        hostile_docs: HOSTILE_DOCS,
        prelude_shadows: PRELUDE_SHADOWS,
        undocumented: UNDOCUMENTED,
        disjoint_versions: DISJOINT_VERSIONS,
    };

    /// Every hostile feature on.
    pub const ALL: Features = Features {
        keywords: true,
        self_names: true,
        self_types: true,
        digit_first: true,
        digit_products: true,
        non_ascii: true,
        non_identifier_chars: true,
        separator_collisions: true,
        type_event_collisions: true,
        prereleases: true,
        recursion: true,
        empty_versions: true,
        one_direction: true,
        generated_names: true,
        rust_names: true,
        union_duplicates: true,
        hostile_docs: true,
        prelude_shadows: true,
        undocumented: true,
        disjoint_versions: true,
    };

    /// No hostile feature: plain names only.
    pub const NONE: Features = Features {
        keywords: false,
        self_names: false,
        self_types: false,
        digit_first: false,
        digit_products: false,
        non_ascii: false,
        non_identifier_chars: false,
        separator_collisions: false,
        type_event_collisions: false,
        prereleases: false,
        recursion: false,
        empty_versions: false,
        one_direction: false,
        generated_names: false,
        rust_names: false,
        union_duplicates: false,
        hostile_docs: false,
        prelude_shadows: false,
        undocumented: false,
        disjoint_versions: false,
    };

    /// Parses `all`, `ci`, `none` or a comma-separated list of feature names (each turned on
    /// over [`Features::NONE`]; a `-name` turns one off over [`Features::ALL`] when the list
    /// starts with `all`).
    pub fn parse(spec: &str) -> Result<Features, String> {
        let mut features = Features::NONE;
        for word in spec.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word {
                "all" => features = Features::ALL,
                "ci" => features = Features::CI,
                "none" => features = Features::NONE,
                _ => {
                    let (name, on) = match word.strip_prefix('-') {
                        Some(name) => (name, false),
                        None => (word, true),
                    };
                    *features.flag(name).ok_or_else(|| {
                        format!(
                            "unknown generator feature `{name}` (known: {})",
                            FEATURE_NAMES.join(", ")
                        )
                    })? = on;
                }
            }
        }
        Ok(features)
    }

    fn flag(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "keywords" => &mut self.keywords,
            "self_names" => &mut self.self_names,
            "self_types" => &mut self.self_types,
            "digit_first" => &mut self.digit_first,
            "digit_products" => &mut self.digit_products,
            "non_ascii" => &mut self.non_ascii,
            "non_identifier_chars" => &mut self.non_identifier_chars,
            "separator_collisions" => &mut self.separator_collisions,
            "type_event_collisions" => &mut self.type_event_collisions,
            "prereleases" => &mut self.prereleases,
            "recursion" => &mut self.recursion,
            "empty_versions" => &mut self.empty_versions,
            "one_direction" => &mut self.one_direction,
            "generated_names" => &mut self.generated_names,
            "rust_names" => &mut self.rust_names,
            "union_duplicates" => &mut self.union_duplicates,
            "hostile_docs" => &mut self.hostile_docs,
            "prelude_shadows" => &mut self.prelude_shadows,
            "undocumented" => &mut self.undocumented,
            "disjoint_versions" => &mut self.disjoint_versions,
            _ => return None,
        })
    }

    /// The names of the features that are on, comma-separated (`none` when none is).
    pub fn describe(&self) -> String {
        let mut copy = *self;
        let on: Vec<&str> = FEATURE_NAMES
            .iter()
            .copied()
            .filter(|name| copy.flag(name).is_some_and(|flag| *flag))
            .collect();
        if on.is_empty() {
            "none".to_owned()
        } else {
            on.join(",")
        }
    }
}

/// A small deterministic generator (SplitMix64): enough for picking names and shapes, and the
/// same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for catalog `index` of the run with `seed`.
    pub fn new(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// A YAML value, written in block style with every string double-quoted.
#[derive(Debug, Clone)]
enum Yaml {
    Map(Vec<(String, Yaml)>),
    Seq(Vec<Yaml>),
    Str(String),
    /// Written as is: numbers, booleans, `null`, dates.
    Plain(String),
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Yaml {
    fn map(entries: Vec<(&str, Yaml)>) -> Yaml {
        Yaml::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn str(text: &str) -> Yaml {
        Yaml::Str(text.to_owned())
    }

    fn plain(text: impl Into<String>) -> Yaml {
        Yaml::Plain(text.into())
    }

    /// A value on the same line as its key (` value`), or nested below it.
    fn write_after_key(&self, out: &mut String, indent: usize) {
        match self {
            Yaml::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
            Yaml::Seq(items) if items.is_empty() => out.push_str(" []\n"),
            Yaml::Map(_) | Yaml::Seq(_) => {
                out.push('\n');
                self.write_block(out, indent + 2);
            }
            Yaml::Str(text) => {
                out.push(' ');
                out.push_str(&quote(text));
                out.push('\n');
            }
            Yaml::Plain(text) => {
                out.push(' ');
                out.push_str(text);
                out.push('\n');
            }
        }
    }

    fn write_block(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        match self {
            Yaml::Map(entries) => {
                for (key, value) in entries {
                    let _ = write!(out, "{pad}{}:", quote(key));
                    value.write_after_key(out, indent);
                }
            }
            Yaml::Seq(items) => {
                for item in items {
                    match item {
                        Yaml::Map(entries) if !entries.is_empty() => {
                            // `- ` then the first key on the same line, the rest aligned.
                            let mut inner = String::new();
                            item.write_block(&mut inner, indent + 2);
                            let _ = write!(out, "{pad}- {}", &inner[indent + 2..]);
                        }
                        _ => {
                            out.push_str(&pad);
                            out.push('-');
                            item.write_after_key(out, indent);
                        }
                    }
                }
            }
            Yaml::Str(_) | Yaml::Plain(_) => {
                out.push_str(&pad);
                self.write_after_key(out, indent);
            }
        }
    }
}

/// The pools names are drawn from, by kind; the hostile ones join when their feature is on.
struct Pools {
    products: Vec<&'static str>,
    families: Vec<&'static str>,
    types: Vec<&'static str>,
    fields: Vec<&'static str>,
    variants: Vec<&'static str>,
    docs: Vec<&'static str>,
}

impl Pools {
    fn new(f: &Features) -> Pools {
        let mut p = Pools {
            products: vec!["p", "agent-workspace", "call-manager", "global", "maestro"],
            families: vec![
                "x",
                "aw-focus",
                "call-connect",
                "chat-message",
                "wrap-up-codes",
            ],
            types: vec![
                "Queue", "Node", "Channel", "Labels", "Content", "Item", "Meta",
            ],
            fields: vec![
                "id",
                "interactionId",
                "queue",
                "callID",
                "conversation_id",
                "name",
                "count",
                "isManual",
                "x",
                "y",
                "a",
            ],
            variants: vec!["phone", "chat", "email", "in-bound", "out_bound", "a", "b"],
            docs: vec![
                "A plain sentence.",
                "Two words",
                "Uses `code` and *emphasis*.",
            ],
        };
        if f.keywords {
            p.products.extend(["type", "fn", "match", "async"]);
            p.families
                .extend(["type", "fn-match", "loop", "async-await", "r-type"]);
            p.fields
                .extend(["type", "fn", "match", "ref", "async", "loop", "gen", "try"]);
            p.variants
                .extend(["type", "fn", "match", "None", "Some", "Ok", "Err"]);
        }
        if f.self_names {
            p.fields.extend(["self", "Self", "super", "crate", "_"]);
            p.variants.extend(["self", "Self", "super", "crate", "_"]);
        }
        if f.self_types {
            // `self` and `Self` as products, the family `self` and the type `Self` are refused
            // by design (corpus/broken covers them); these are the accepted neighbours.
            p.products.extend(["super", "crate", "self-service"]);
            p.families.extend(["super", "crate", "self-type"]);
            p.types.extend(["SelfType"]);
        }
        if f.digit_first {
            p.fields.extend(["1st", "0", "2ndLine", "9"]);
            p.variants.extend(["1", "2fa", "0-0"]);
        }
        if f.digit_products {
            p.products.extend(["1p", "0", "2-factor"]);
        }
        if f.non_ascii {
            // Product ids are lowercase ASCII words by design; fields and values keep any text.
            p.fields.extend(["café", "名前", "ñandú", "Ωmega"]);
            p.variants.extend(["café", "名前", "Ωmega"]);
        }
        if f.non_identifier_chars {
            p.fields.extend(["x²", "½", "😀"]);
            p.variants.extend(["½", "x²", "😀"]);
        }
        if f.separator_collisions {
            // `a_b` and `A` as products and `AB` as a type are refused by design.
            p.products.extend(["a-b", "a", "ab"]);
            p.families.extend(["a-b", "ab", "a-b1"]);
            p.types.extend(["A", "A3"]);
            p.variants.extend(["a-b", "A-B", "aB"]);
        }
        if f.type_event_collisions {
            p.types
                .extend(["AbV1", "XV1", "XV1Queue", "AwFocus", "ChatMessage"]);
        }
        if f.generated_names {
            p.families.extend([
                "decode-error",
                "received-event",
                "catalog-entry",
                "partner-event",
                "send-event",
                "option",
                "wire",
            ]);
            p.types
                .extend(["Wire", "D", "S", "T", "E", "Value", "Map", "Raw", "Event"]);
            p.fields.extend([
                "schema_version",
                "SchemaVersion",
                "_schema_version",
                "kind",
                "_kind",
                "wire",
                "serializer",
                "deserializer",
                "out",
                "value",
                "raw",
                "event",
            ]);
            p.variants.extend(["Unknown", "Other", "Value"]);
        }
        if f.prelude_shadows {
            p.types.extend([
                "Clone",
                "Default",
                "From",
                "Into",
                "Iterator",
                "Serialize",
                "Deserialize",
                "Error",
                "Debug",
                "PartialEq",
                "Copy",
                "Send",
                "Sized",
                "ToString",
            ]);
        }
        if f.hostile_docs {
            p.docs.extend([
                "Ends with a carriage return\r",
                "Bidi \u{202E}override\u{202C} and \u{2066}isolate\u{2069}.",
                "Comment closers */ and /* openers.",
                "Back\\slash and \"quotes\" and #[attr] and ///.",
                "Line one\nline two\r\nline three.",
                "Tab\tseparated; zero\u{200B}width.",
            ]);
        }
        p
    }
}

/// Makes catalog number `index` of the run with `seed`: YAML text for `eventcat_codegen::load_str`.
pub fn catalog(seed: u64, index: u64, features: &Features) -> String {
    let mut rng = Rng::new(seed, index);
    let mut maker = Maker {
        rng: &mut rng,
        f: *features,
        pools: Pools::new(features),
        types: Vec::new(),
        object_types: Vec::new(),
    };
    maker.catalog()
}

struct Maker<'a> {
    rng: &'a mut Rng,
    f: Features,
    pools: Pools,
    /// The declared type names.
    types: Vec<String>,
    /// The declared types with `fields`, for `payload:`.
    object_types: Vec<String>,
}

impl Maker<'_> {
    fn catalog(&mut self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# generator-check catalog ({})", self.f.describe());

        let product_count = self.rng.range(1, 3);
        let mut products = Vec::new();
        while products.len() < product_count {
            let id = self.rng.pick(&self.pools.products);
            if !products.contains(&id) {
                products.push(id);
            }
        }
        let products_yaml = Yaml::Map(
            products
                .iter()
                .map(|id| {
                    let mut entries = vec![("title", Yaml::str(&format!("Product {id}")))];
                    if self.rng.percent(40) {
                        entries.push(("doc", Yaml::str(self.doc())));
                    }
                    ((*id).to_owned(), Yaml::map(entries))
                })
                .collect(),
        );

        // Names first, so that types can refer to each other in either direction.
        let type_count = self.rng.range(0, 4);
        while self.types.len() < type_count {
            let name = (self.rng.pick(&self.pools.types)).to_owned();
            if !self.types.contains(&name) {
                self.types.push(name);
            }
        }
        let mut types_yaml = Vec::new();
        for i in 0..self.types.len() {
            let name = self.types[i].clone();
            let decl = self.type_decl(i);
            if let Yaml::Map(entries) = &decl
                && entries.iter().any(|(k, _)| k == "fields")
            {
                self.object_types.push(name.clone());
            }
            types_yaml.push((name, decl));
        }

        let direction_mode = if self.f.one_direction {
            self.rng.below(3)
        } else {
            0
        };
        let mut events = Vec::new();
        let family_count = self.rng.range(1, 3);
        let mut families = Vec::new();
        while families.len() < family_count {
            let family = self.rng.pick(&self.pools.families);
            if !families.contains(&family) {
                families.push(family);
            }
        }
        let mut planned = Vec::new();
        for family in families {
            let majors = self.rng.range(1, 3);
            for major in 1..=majors {
                planned.push((family, major));
            }
        }
        if planned.len() == 1 && direction_mode == 0 {
            // Both directions need two events.
            planned.push((planned[0].0, 2));
        }
        let both_at = self.rng.below(planned.len());
        for (i, (family, major)) in planned.into_iter().enumerate() {
            {
                let product = self.rng.pick(&products);
                let direction = match direction_mode {
                    1 => "received",
                    2 => "send",
                    // Without ONE_DIRECTION, the first event is received and one other is send.
                    _ if i == 0 => "received",
                    _ if i == both_at.max(1) => "send",
                    _ => self.rng.pick(&["received", "send"]),
                };
                events.push(self.event(family, major as u64, product, direction));
            }
        }

        let mut top = vec![("products", products_yaml)];
        if !types_yaml.is_empty() || self.rng.percent(30) {
            top.push(("types", Yaml::Map(types_yaml)));
        }
        top.push(("events", Yaml::Seq(events)));
        Yaml::map(top).write_block(&mut out, 0);
        out
    }

    fn doc(&mut self) -> &'static str {
        self.rng.pick(&self.pools.docs)
    }

    /// A type declaration: an object most of the time, else any other shape.
    fn type_decl(&mut self, index: usize) -> Yaml {
        let name = self.types[index].clone();
        let mut entries = Vec::new();
        if !self.f.undocumented || self.rng.percent(50) {
            entries.push(("doc".to_owned(), Yaml::str(self.doc())));
        }
        if self.f.recursion && self.rng.percent(15) {
            // A plain recursive alias: `A: {array: A}` or `A: {map: A}`.
            let key = if self.rng.percent(50) { "array" } else { "map" };
            entries.push((key.to_owned(), Yaml::str(&name)));
            return Yaml::Map(entries);
        }
        let (key, value) = match self.rng.below(11) {
            0..=5 => ("fields", self.fields(index, 2, &[])),
            6 => ("enum", self.variants()),
            7 => ("array", self.element(index, 2)),
            8 => ("map", self.element(index, 2)),
            // A shared name for a constant: a constant field wherever a field uses it.
            9 => ("const", self.constant()),
            _ => ("one_of", self.one_of(index, 2)),
        };
        entries.push((key.to_owned(), value));
        Yaml::Map(entries)
    }

    fn variants(&mut self) -> Yaml {
        let count = self.rng.range(1, 4);
        let mut values: Vec<&str> = Vec::new();
        while values.len() < count {
            let value = self.rng.pick(&self.pools.variants);
            if !values.contains(&value) {
                values.push(value);
            }
        }
        Yaml::Seq(values.into_iter().map(Yaml::str).collect())
    }

    /// A reference to a type: a scalar, or a declared type. Inside type `owner` (when
    /// `direct`, not behind an array or map) only earlier types may be named, so that every
    /// cycle passes through an array or map; with [`RECURSION`] later ones (and the owner)
    /// may be named behind one.
    fn type_ref(&mut self, owner: Option<usize>, direct: bool) -> String {
        let scalars = ["string", "integer", "number", "boolean"];
        let allowed = match owner {
            None => self.types.len(),
            Some(i) if direct || !self.f.recursion => i,
            Some(_) => self.types.len(),
        };
        if allowed > 0 && self.rng.percent(40) {
            self.types[self.rng.below(allowed)].clone()
        } else {
            (self.rng.pick(&scalars)).to_owned()
        }
    }

    /// An element shape (of an array or map, or a `one_of` member).
    fn element(&mut self, owner: usize, depth: u32) -> Yaml {
        self.element_in(Some(owner), depth, false)
    }

    fn element_in(&mut self, owner: Option<usize>, depth: u32, direct: bool) -> Yaml {
        if depth == 0 || self.rng.percent(55) {
            let name = self.type_ref(owner, direct);
            if self.rng.percent(15) {
                return Yaml::map(vec![
                    ("type", Yaml::Str(name)),
                    ("nullable", Yaml::plain("true")),
                ]);
            }
            return Yaml::Str(name);
        }
        let (key, value) = self.shape(owner, depth - 1, direct);
        let mut entries = vec![(key, value)];
        if self.rng.percent(15) {
            entries.push(("nullable", Yaml::plain("true")));
        }
        Yaml::map(entries)
    }

    fn one_of(&mut self, owner: usize, depth: u32) -> Yaml {
        self.one_of_in(Some(owner), depth, true)
    }

    fn one_of_in(&mut self, owner: Option<usize>, depth: u32, direct: bool) -> Yaml {
        let count = self.rng.range(2, 3);
        let mut members: Vec<Yaml> = (0..count)
            .map(|_| self.element_in(owner, depth, direct))
            .collect();
        if self.f.union_duplicates && self.rng.percent(30) {
            let first = members[0].clone();
            members.push(first);
        }
        Yaml::Seq(members)
    }

    /// Any shape key and its value. `direct` is true when no array or map lies between the
    /// enclosing type and this shape.
    fn shape(&mut self, owner: Option<usize>, depth: u32, direct: bool) -> (&'static str, Yaml) {
        let roll = if depth == 0 {
            self.rng.below(3)
        } else {
            self.rng.below(8)
        };
        match roll {
            0 => ("type", Yaml::Str(self.type_ref(owner, direct))),
            1 => ("enum", self.variants()),
            2 => ("const", self.constant()),
            3 | 4 => ("fields", self.object_in(owner, depth, direct, &[])),
            5 => ("array", self.element_in(owner, depth, false)),
            6 => ("map", self.element_in(owner, depth, false)),
            _ => ("one_of", self.one_of_in(owner, depth, direct)),
        }
    }

    fn constant(&mut self) -> Yaml {
        match self.rng.below(5) {
            0 => Yaml::str(
                self.rng
                    .pick(&["offered", "mapEvent", "", "1.0.0", "with space"]),
            ),
            1 => Yaml::plain(self.rng.pick(&["0", "-7", "42"]).to_string()),
            2 => Yaml::plain(self.rng.pick(&["1.5", "-0.25", "1e3"]).to_string()),
            3 => Yaml::plain(self.rng.pick(&["true", "false"]).to_string()),
            _ => Yaml::str(self.rng.pick(&["x", "a\"b"])),
        }
    }

    fn fields(&mut self, owner: usize, depth: u32, keep: &[(String, Yaml)]) -> Yaml {
        self.object_in(Some(owner), depth, true, keep)
    }

    /// The fields of an object: those of `keep` (carried over from an older version) and new
    /// ones.
    fn object_in(
        &mut self,
        owner: Option<usize>,
        depth: u32,
        direct: bool,
        keep: &[(String, Yaml)],
    ) -> Yaml {
        let mut fields: Vec<(String, Yaml)> = keep.to_vec();
        let new = self.rng.range(if fields.is_empty() { 1 } else { 0 }, 3);
        let mut used_rust_names: Vec<String> = Vec::new();
        for _ in 0..new {
            let wire = (self.rng.pick(&self.pools.fields)).to_owned();
            if fields.iter().any(|(name, _)| *name == wire) {
                continue;
            }
            let (key, value) = self.shape(owner, depth.saturating_sub(1), direct);
            let mut entries = vec![(key, value.clone())];
            // A typed constant now and then.
            if key == "const"
                && let Yaml::Plain(text) = &value
                && self.rng.percent(30)
            {
                let kind = if text == "true" || text == "false" {
                    "boolean"
                } else {
                    "number"
                };
                entries.insert(0, ("type", Yaml::str(kind)));
            }
            let optional = self.rng.percent(30);
            let nullable = self.rng.percent(25);
            if optional {
                entries.push(("optional", Yaml::plain("true")));
            }
            if nullable {
                entries.push(("nullable", Yaml::plain("true")));
            }
            if !keep.is_empty()
                && !optional
                && key != "const"
                && let Some(default) = self.default_for(key, &value, nullable)
            {
                entries.push(("default", default));
            }
            // Item bounds on a field's own array, now and then (a default of `[]` must fit).
            if key == "array"
                && !entries.iter().any(|(k, _)| *k == "default")
                && self.rng.percent(30)
            {
                let min = self.rng.below(3);
                if min > 0 || self.rng.percent(50) {
                    entries.push(("min_items", Yaml::plain(min.to_string())));
                }
                if self.rng.percent(60) {
                    let max = min + self.rng.below(4);
                    entries.push(("max_items", Yaml::plain(max.to_string())));
                }
            }
            if self.f.rust_names && self.rng.percent(20) {
                let rust_name = match self.rng.below(3) {
                    0 => format!("r#{}", self.rng.pick(&["type", "a", "x", "fn", "id"])),
                    1 => (self.rng.pick(&["a", "id", "x", "renamed"])).to_owned(),
                    _ => format!("field_{}", used_rust_names.len()),
                };
                used_rust_names.push(rust_name.clone());
                entries.push(("rust_name", Yaml::Str(rust_name)));
            }
            if self.rng.percent(70) {
                entries.push(("doc", Yaml::str(self.doc())));
            }
            fields.push((wire, Yaml::map(entries)));
        }
        if !self.f.disjoint_versions && fields.iter().all(|(name, _)| name != "key") {
            let key = Yaml::map(vec![
                ("type", Yaml::str("string")),
                ("doc", Yaml::str("The field every object shares.")),
            ]);
            fields.insert(0, ("key".to_owned(), key));
        }
        // Without EMPTY_VERSIONS every object carries data: a field that is not a constant.
        let has_data = fields.iter().any(|(_, field)| {
            !matches!(field, Yaml::Map(entries) if entries.iter().any(|(k, _)| k == "const"))
        });
        if !self.f.empty_versions && !has_data {
            let wire = ["data", "data1", "data2", "data3"]
                .into_iter()
                .find(|name| fields.iter().all(|(existing, _)| existing != name))
                .unwrap_or("data4");
            fields.push((
                wire.to_owned(),
                Yaml::map(vec![
                    ("type", Yaml::str("string")),
                    ("doc", Yaml::str("Data.")),
                ]),
            ));
        }
        Yaml::Map(fields)
    }

    /// A default that fits a simple shape, or none.
    fn default_for(&mut self, key: &str, value: &Yaml, nullable: bool) -> Option<Yaml> {
        if nullable && self.rng.percent(30) {
            return Some(Yaml::plain("null"));
        }
        match (key, value) {
            ("type", Yaml::Str(name)) => match name.as_str() {
                "string" => Some(Yaml::str("none")),
                "integer" => Some(Yaml::plain("0")),
                "number" => Some(Yaml::plain("0.5")),
                "boolean" => Some(Yaml::plain("false")),
                _ => None,
            },
            ("enum", Yaml::Seq(values)) => values.first().cloned(),
            ("array", _) => Some(Yaml::Seq(Vec::new())),
            ("map", _) => Some(Yaml::Map(Vec::new())),
            _ => None,
        }
    }

    fn event(&mut self, family: &str, major: u64, product: &str, direction: &str) -> Yaml {
        let status = self.rng.pick(&["active", "active", "deprecated", "sunset"]);
        let mut entries = vec![
            ("name", Yaml::Str(format!("{family}-v{major}"))),
            ("product", Yaml::str(product)),
            ("direction", Yaml::str(direction)),
            ("status", Yaml::str(status)),
            (
                "active_date",
                Yaml::plain(format!("2025-0{}-1{}", major.min(9), self.rng.below(10))),
            ),
        ];
        if status != "active" || self.rng.percent(10) {
            entries.push(("deprecation_date", Yaml::plain("2025-09-08")));
            if self.rng.percent(80) {
                entries.push(("sunset_date", Yaml::plain("2026-12-08")));
            }
        }
        entries.push(("doc", Yaml::str(self.doc())));

        // Versions of major `major`, oldest first.
        let mut candidates: Vec<String> = Vec::new();
        for (minor_patch, pre) in [
            ("0.0", "-a"),
            ("0.0", "-alpha.1"),
            ("0.0", ""),
            ("0.1", "-rc.1"),
            ("0.1", ""),
            ("0.1", "+build.5"),
            ("1.0", ""),
        ] {
            if !pre.is_empty() && !self.f.prereleases {
                continue;
            }
            candidates.push(format!("{major}.{minor_patch}{pre}"));
        }
        let count = self.rng.range(1, 3);
        let mut picked: Vec<usize> = Vec::new();
        while picked.len() < count {
            let i = self.rng.below(candidates.len());
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        picked.sort_unstable();

        let mut versions = Vec::new();
        let mut previous: Vec<(String, Yaml)> = Vec::new();
        for i in picked {
            let mut version = vec![("version", Yaml::Str(candidates[i].clone()))];
            if self.rng.percent(20) {
                version.push(("doc", Yaml::str(self.doc())));
            }
            let payload_roll = self.rng.below(10);
            if payload_roll == 0 && !self.object_types.is_empty() {
                let name = self.object_types[self.rng.below(self.object_types.len())].clone();
                version.push(("payload", Yaml::Str(name)));
                previous.clear();
            } else if payload_roll == 1 && self.f.empty_versions {
                version.push(("fields", Yaml::Map(Vec::new())));
                previous.clear();
            } else {
                // Carry over a part of the previous version's fields, so that conversions
                // have something to convert.
                let keep: Vec<(String, Yaml)> = previous
                    .iter()
                    .filter(|_| self.rng.percent(70))
                    .cloned()
                    .collect();
                let fields = self.object_in(None, 2, true, &keep);
                if let Yaml::Map(entries) = &fields {
                    // Defaults belong to the version that adds a field; carry the bare field.
                    previous = entries.clone();
                }
                version.push(("fields", fields));
            }
            versions.push(Yaml::map(version));
        }
        entries.push(("schema_versions", Yaml::Seq(versions)));
        Yaml::map(entries)
    }
}
