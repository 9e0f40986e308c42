//! The `eventcat` command-line tool.

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use cli::{ReportFormat, print, say};
use eventcat_codegen::diff::DiffOptions;
use eventcat_codegen::import::{ImportMode, ImportOptions};
use eventcat_codegen::{
    FrontEnd, GenerateError, HookError, LoadError, Loaded, Options, SunsetPolicy,
};
use jiff::civil::Date;

/// Typed Rust for 8x8 partner events.
#[derive(Parser)]
#[command(name = "eventcat", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the generated Rust code for a catalog, or write it to a file.
    Generate {
        /// The catalog file (default: the bundled catalog.yaml).
        catalog: Option<PathBuf>,
        /// Write the code to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only events of this product (repeatable).
        #[arg(long = "product")]
        products: Vec<String>,
        /// Only events whose name matches this glob pattern (repeatable).
        #[arg(long = "events")]
        events: Vec<String>,
        /// What to do with events sunset on --as-of.
        #[arg(long, value_enum, default_value_t = Sunset::Keep)]
        sunset: Sunset,
        /// The day the sunset policy is applied for (YYYY-MM-DD; default: SOURCE_DATE_EPOCH).
        #[arg(long, value_name = "DAY")]
        as_of: Option<String>,
        /// The path the code names the eventcat crate by (default `::eventcat`), for a crate
        /// that re-exports it.
        #[arg(long, value_name = "PATH")]
        crate_path: Option<String>,
        /// Print the generated types with `{:?}` without their values
        /// (`AwInteractionFocusV3 { interaction_id: .., queue: .. }`).
        #[arg(long)]
        redacted_debug: bool,
        #[command(flatten)]
        hooks: HookArgs,
    },
    /// Export a catalog for tools outside Rust: a JSON Schema (draft 2020-12) per event schema
    /// version and an AsyncAPI 3.0.0 document; without -o, print the AsyncAPI document.
    Schema {
        /// The catalog file (default: the bundled catalog.yaml).
        catalog: Option<PathBuf>,
        /// Write asyncapi.json and schemas/<event>/<version>.schema.json under this directory.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Validate a catalog: print every error and lint with its location; exit 1 on any error.
    Check {
        /// The catalog file (default: the bundled catalog.yaml).
        catalog: Option<PathBuf>,
    },
    /// List every event with its lifecycle.
    List {
        /// The catalog file (default: the bundled catalog.yaml).
        catalog: Option<PathBuf>,
        /// Compute each event's status on this day (YYYY-MM-DD; default: today, UTC).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Read the published events page (its markdown source, or the text copied from the rendered
    /// page) and print its rows; with --against, report every lifecycle difference from a catalog
    /// and exit 1 if there is any (2 when the page or catalog cannot be read).
    Import {
        /// The page file.
        page: PathBuf,
        /// Compare the page with this catalog.
        #[arg(long)]
        against: Option<PathBuf>,
        /// Write the page's lifecycle values into the --against catalog, adding stubs for missing
        /// events and schema versions; everything else in the file stays as it is.
        #[arg(long, requires = "against")]
        write: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Compare two catalogs and classify every change for receivers and senders; exit 2 when a
    /// change breaks partners (the receivers of received events, the senders of send events).
    Diff {
        /// The older catalog.
        old: PathBuf,
        /// The newer catalog.
        new: PathBuf,
        /// Also report how each event's status on this day (YYYY-MM-DD) changed.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Exit 2 when a change breaks either role, not only the partner's.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

/// The sunset policy, as the command line spells it.
#[derive(Clone, Copy, ValueEnum)]
enum Sunset {
    Keep,
    Omit,
    Error,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// An aligned text table.
    Table,
    /// A JSON array of the rows.
    Json,
    /// An SVG timeline of the lifecycles, grouped by product.
    Svg,
}

/// The hooks of `generate`, the builder's and the derive's.
#[derive(clap::Args)]
struct HookArgs {
    /// Derive traits on the types whose name matches a glob (repeatable).
    #[arg(long = "derive", value_name = "PATTERN=TRAIT,...", value_parser = pair)]
    derives: Vec<(String, String)>,
    /// Put an attribute on the types whose name matches a glob (repeatable).
    #[arg(long = "type-attribute", value_name = "PATTERN=#[...]", value_parser = pair)]
    type_attributes: Vec<(String, String)>,
    /// Put an attribute on the fields matching `Type.field` globs (repeatable).
    #[arg(long = "field-attribute", value_name = "TYPE.FIELD=#[...]", value_parser = pair)]
    field_attributes: Vec<(String, String)>,
    /// Use your own type for a catalog type, by its Rust path (repeatable).
    #[arg(long = "replace", value_name = "TYPE=PATH", value_parser = pair)]
    replacements: Vec<(String, String)>,
}

impl HookArgs {
    /// `options` with these hooks added, in the order given.
    fn apply(self, mut options: Options) -> Options {
        for (pattern, traits) in self.derives {
            options = options.derive(pattern, traits.split(',').map(|t| t.trim().to_owned()));
        }
        for (pattern, attribute) in self.type_attributes {
            options = options.type_attribute(pattern, attribute);
        }
        for (pattern, attribute) in self.field_attributes {
            options = options.field_attribute(pattern, attribute);
        }
        for (type_name, path) in self.replacements {
            options = options.replace(type_name, path);
        }
        options
    }
}

/// `KEY=VALUE`, split at the first `=`.
fn pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not of the form KEY=VALUE")),
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    eventcat_codegen::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Generate {
            catalog,
            output,
            products,
            events,
            sunset,
            as_of,
            crate_path,
            redacted_debug,
            hooks,
        } => {
            let mut options = generate_options(products, events, sunset, as_of, crate_path);
            if redacted_debug {
                options = options.redacted_debug();
            }
            let options = hooks.apply(options);
            generate(catalog.as_ref(), output.as_ref(), &options, color)
        }
        Command::Schema { catalog, output } => schema(catalog.as_ref(), output.as_ref(), color),
        Command::Import {
            page,
            against,
            write,
            format,
        } => {
            let options = ImportOptions {
                against,
                mode: if write {
                    ImportMode::Write
                } else {
                    ImportMode::Compare
                },
            };
            let imported = eventcat_codegen::import::import(&page, &options);
            cli::import::render(&imported, format, color).finish()
        }
        Command::Diff {
            old,
            new,
            as_of,
            strict,
            format,
        } => {
            let options = DiffOptions { as_of, strict };
            let report = eventcat_codegen::diff::diff_files(&old, &new, &options);
            cli::diff::render(&report, format, color).finish()
        }
        Command::Check { catalog } => check(catalog.as_ref(), color),
        Command::List {
            catalog,
            as_of,
            format,
        } => list(catalog.as_ref(), as_of.unwrap_or_else(today), format, color),
    }
}

/// The generator's options from the command line, as given: generating applies their rules
/// (the as-of day, `SOURCE_DATE_EPOCH`), as for the derive and the builder.
fn generate_options(
    products: Vec<String>,
    events: Vec<String>,
    sunset: Sunset,
    as_of: Option<String>,
    crate_path: Option<String>,
) -> Options {
    let sunset = match sunset {
        Sunset::Keep => SunsetPolicy::Keep,
        Sunset::Omit => SunsetPolicy::Omit,
        Sunset::Error => SunsetPolicy::Error,
    };
    let mut options = Options::new().sunset(sunset);
    // Each flag has a value, so a list given is never empty: none given is every event.
    if !products.is_empty() {
        options = options.products(products);
    }
    if !events.is_empty() {
        options = options.events(events);
    }
    if let Some(day) = as_of {
        options = options.as_of(day);
    }
    if let Some(path) = crate_path {
        options = options.crate_path(path);
    }
    options
}

/// `eventcat check`: the diagnostics and a summary, on standard error.
fn check(catalog: Option<&PathBuf>, color: bool) -> ExitCode {
    match load(catalog) {
        Ok(loaded) => {
            say(&loaded.report.render(color));
            say(&format!(
                "{}\n",
                loaded.report.summary(Some(loaded.catalog.events.len()))
            ));
            ExitCode::SUCCESS
        }
        Err(err) => fail(&err, color),
    }
}

/// `eventcat list`: the events and their status on `as_of`, as a table, JSON or a timeline.
fn list(catalog: Option<&PathBuf>, as_of: Date, format: Format, color: bool) -> ExitCode {
    let loaded = match load(catalog) {
        Ok(loaded) => loaded,
        Err(err) => return fail(&err, color),
    };
    let rows = eventcat_codegen::listing::rows(&loaded.catalog, as_of);
    let text = match format {
        Format::Table => cli::list::table(&rows),
        Format::Json => match cli::list::json(&rows) {
            Ok(json) => json,
            Err(err) => {
                say(&format!("error: cannot write the rows as JSON: {err}\n"));
                return ExitCode::FAILURE;
            }
        },
        Format::Svg => eventcat_codegen::listing::timeline_svg(&loaded.catalog, as_of),
    };
    print(&text).unwrap_or(ExitCode::SUCCESS)
}

fn generate(
    catalog: Option<&PathBuf>,
    output: Option<&PathBuf>,
    options: &Options,
    color: bool,
) -> ExitCode {
    let generated = match catalog {
        Some(path) => {
            let name = path.display().to_string();
            eventcat_codegen::read_catalog(path, &name)
                .map_err(GenerateError::Load)
                .and_then(|source| eventcat_codegen::generate_source(&name, &source, options))
        }
        None => eventcat_codegen::generate_source(
            eventcat_codegen::BUNDLED_CATALOG_NAME,
            eventcat_codegen::BUNDLED_CATALOG,
            options,
        ),
    };
    let code = match generated {
        Ok(code) => code,
        Err(GenerateError::Load(err)) => return fail(&err, color),
        Err(GenerateError::Hook(HookError::Catalog { hook, report })) => {
            say(&report.render_errors(color));
            say(&format!(
                "note: asked for by {}\n",
                hook.describe(FrontEnd::Cli)
            ));
            return ExitCode::FAILURE;
        }
        Err(err) => {
            say(&format!("error: {}\n", err.message(FrontEnd::Cli)));
            return ExitCode::FAILURE;
        }
    };
    match output {
        Some(path) => match eventcat_codegen::write_if_changed(path, &code) {
            Ok(_) => ExitCode::SUCCESS,
            Err(err) => {
                say(&format!("error: cannot write {}: {err}\n", path.display()));
                ExitCode::FAILURE
            }
        },
        None => print(&code).unwrap_or(ExitCode::SUCCESS),
    }
}

fn schema(catalog: Option<&PathBuf>, output: Option<&PathBuf>, color: bool) -> ExitCode {
    let loaded = match load(catalog) {
        Ok(loaded) => loaded,
        Err(err) => return fail(&err, color),
    };
    let files = match eventcat_codegen::schema::export(&loaded.catalog) {
        Ok(files) => files,
        Err(err) => {
            say(&format!("error: {err}\n"));
            return ExitCode::FAILURE;
        }
    };
    let Some(dir) = output else {
        let asyncapi = files
            .iter()
            .find(|f| f.path == eventcat_codegen::schema::ASYNCAPI_FILE);
        return print(asyncapi.map_or("", |f| f.contents.as_str())).unwrap_or(ExitCode::SUCCESS);
    };
    for file in &files {
        let path = file
            .path
            .split('/')
            .fold(dir.clone(), |path, part| path.join(part));
        let written = match path.parent() {
            Some(parent) => std::fs::create_dir_all(parent),
            None => Ok(()),
        }
        .and_then(|()| eventcat_codegen::write_if_changed(&path, &file.contents).map(drop));
        if let Err(err) = written {
            say(&format!("error: cannot write {}: {err}\n", path.display()));
            return ExitCode::FAILURE;
        }
    }
    say(&format!(
        "{}: wrote {} and {} JSON Schemas to {}\n",
        loaded.report.path,
        eventcat_codegen::schema::ASYNCAPI_FILE,
        files.len().saturating_sub(1),
        dir.display()
    ));
    ExitCode::SUCCESS
}

fn load(path: Option<&PathBuf>) -> Result<Loaded, LoadError> {
    match path {
        Some(path) => eventcat_codegen::load_file(path),
        None => eventcat_codegen::load_bundled(),
    }
}

/// Reports a catalog that did not load; the exit status is 1.
fn fail(err: &LoadError, color: bool) -> ExitCode {
    say(&cli::load_error(err, color));
    ExitCode::FAILURE
}
