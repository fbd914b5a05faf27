//! The shape of the application crate, as `ARCHITECTURE.md` describes it, checked so that it stays
//! true: every domain folder has the same few files, no module imports another that imports it
//! back, only pages import pages, pure modules do no I/O, addresses are built in `urls.rs`, and every
//! write commits through the change feed (`live::commit`).
//!
//! The sources are read as text: a module's imports are the `crate::` and `super::` paths it
//! names outside its unit tests (and the paths through a module it imported by name, `charts::bars`
//! after `use super::charts`), resolved to the longest module path that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domain folders, each a concept of the product.
const DOMAINS: [&str; 18] = [
    "accounts",
    "actions",
    "api",
    "audit",
    "countries",
    "dashboards",
    "directory",
    "exports",
    "home",
    "imports",
    "indicators",
    "legislation",
    "matrix",
    "outlook",
    "plan",
    "reports",
    "rounds",
    "themes",
];

/// The files every domain folder may have, one role each (see `ARCHITECTURE.md`).
const ROLES: [&str; 5] = ["types", "queries", "service", "pages", "rules"];

/// The files a domain has beyond the five roles, each named for what it holds.
const NAMED_PARTS: [(&str, &str); 22] = [
    ("accounts", "passwords"),
    ("accounts", "sessions"),
    ("accounts", "throttle"),
    ("actions", "attachments"),
    ("dashboards", "assemble"),
    ("dashboards", "charts"),
    ("dashboards", "figures"),
    ("dashboards", "snapshot"),
    ("exports", "files"),
    ("imports", "sheet"),
    ("imports", "templates"),
    ("plan", "changes"),
    ("plan", "edits"),
    ("plan", "file"),
    ("plan", "registry"),
    ("reports", "document"),
    ("reports", "docx"),
    ("reports", "narrative"),
    ("reports", "pdf"),
    ("reports", "render"),
    ("reports", "xlsx"),
    ("rounds", "reminders"),
];

/// The folders that are not domains: the database's entities and codes, the demonstration data,
/// the translation catalogue, the progress formulas.
const OTHER_FOLDERS: [&str; 4] = ["db", "demo", "i18n", "progress"];

/// Modules that compute without I/O: no database, request context or change feed.
const PURE_TOP_LEVEL: [&str; 6] = ["domain", "i18n", "markup", "progress", "text", "error"];

/// The modules of the crate a pure module may not name: they read or write.
const INPUT_OUTPUT: [&str; 11] = [
    "db",
    "context",
    "live",
    "mail",
    "bootstrap",
    "demo",
    "accounts::sessions",
    "accounts::throttle",
    "accounts::passwords",
    "rounds::reminders",
    "dashboards::snapshot",
];

/// The crates a pure module may not use (the error type alone converts the database's errors).
const INPUT_OUTPUT_CRATES: [&str; 4] = ["sea_orm::", "tokio::", "leptos_axum::", "std::fs"];

struct Module {
    /// `["actions", "pages", "country_action"]`; empty for the crate root.
    path: Vec<String>,
    file: PathBuf,
    /// The source without its unit tests.
    source: String,
}

impl Module {
    fn name(&self) -> String {
        if self.path.is_empty() {
            "crate".to_owned()
        } else {
            self.path.join("::")
        }
    }

    fn is_page(&self) -> bool {
        is_page(&self.path)
    }

    fn domain(&self) -> Option<&str> {
        self.path
            .first()
            .map(String::as_str)
            .filter(|first| DOMAINS.contains(first))
    }
}

/// Pages, the frame around them (`layout`), their forms (`forms`) and the router (the crate root).
fn is_page(path: &[String]) -> bool {
    path.is_empty()
        || path.iter().any(|segment| segment == "pages")
        || path == ["layout"]
        || path == ["forms"]
}

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src")
}

fn modules() -> Vec<Module> {
    let mut files = Vec::new();
    collect_rust_files(&source_root(), &mut files);
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(source_root()).unwrap().with_extension("");
            let mut path: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                path.pop();
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let source = match text.find("#[cfg(test)]\nmod tests") {
                Some(start) => text[..start].to_owned(),
                None => text,
            };
            Module { path, file, source }
        })
        .collect()
}

fn collect_rust_files(directory: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs")
            // Unit tests in a file of their own are test code, as a `mod tests` block is.
            && path.file_name().is_none_or(|name| name != "tests.rs")
        {
            files.push(path);
        }
    }
}

/// `source` without its comments: `//` to the end of the line, unless inside a string.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            let mut in_string = false;
            let mut previous = ' ';
            for (index, c) in line.char_indices() {
                match c {
                    '"' if previous != '\\' => in_string = !in_string,
                    '/' if !in_string && previous == '/' => return &line[..index - 1],
                    _ => {}
                }
                previous = c;
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::…` and `super::…` path in `source`, as full paths from the crate root, with the
/// items of `{…}` groups expanded; then every path through a name a `use` gave a module
/// (`use super::charts;` then `charts::bars::…`, or `{self as audit}` then `audit::record`).
fn named_paths(module: &Module, modules: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    let code = without_comments(&module.source);
    let mut found = Vec::new();
    let mut aliases: Vec<(String, Vec<String>)> = Vec::new();
    for prefix in ["crate::", "super::"] {
        for (at, _) in code.match_indices(prefix) {
            if at > 0 && is_path_char(code[..at].chars().next_back().unwrap_or(' ')) {
                continue;
            }
            let base: Vec<String> = if prefix == "crate::" {
                Vec::new()
            } else {
                module.path[..module.path.len().saturating_sub(1)].to_vec()
            };
            let (paths, _) = read_path(&code[at + prefix.len()..], base, &mut aliases);
            found.extend(paths);
        }
    }
    // A module names its own child modules without a prefix (`home::pages` in `lib.rs`).
    for known in modules {
        if known.len() == module.path.len() + 1 && known.starts_with(&module.path) {
            aliases.push((known[known.len() - 1].clone(), known.clone()));
        }
    }
    // A `use` of a module by its own name makes that name an alias too.
    for path in &found {
        if modules.contains(path) {
            if let Some(last) = path.last() {
                aliases.push((last.clone(), path.clone()));
            }
        }
    }
    for (alias, target) in &aliases {
        let through = format!("{alias}::");
        for (at, _) in code.match_indices(&through) {
            if at > 0 && is_path_char(code[..at].chars().next_back().unwrap_or(' ')) {
                continue;
            }
            let (paths, _) =
                read_path(&code[at + through.len()..], target.clone(), &mut Vec::new());
            found.extend(paths);
        }
    }
    found
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// Reads `a::b::{c, d::e}` from the start of `text` after `base`; returns the full paths and how
/// many bytes were read, and adds to `aliases` the names given by `as`.
fn read_path(
    text: &str,
    mut base: Vec<String>,
    aliases: &mut Vec<(String, Vec<String>)>,
) -> (Vec<Vec<String>>, usize) {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(index, _)| index);
            let mut paths = Vec::new();
            for item in split_top_level(&group[..end]) {
                let mut parts = item.split(" as ");
                let item = parts.next().unwrap_or("").trim();
                let item_paths = if item == "self" {
                    vec![base.clone()]
                } else if item.is_empty() {
                    Vec::new()
                } else {
                    read_path(item, base.clone(), aliases).0
                };
                if let (Some(alias), [path]) = (parts.next(), item_paths.as_slice()) {
                    aliases.push((alias.trim().to_owned(), path.clone()));
                }
                paths.extend(item_paths);
            }
            return (paths, at + end + 2);
        }
        let length = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if length == 0 {
            return (vec![base], at);
        }
        base.push(rest[..length].to_owned());
        at += length;
        if text[at..].starts_with("::") {
            at += 2;
        } else {
            return (vec![base], at);
        }
    }
}

fn split_top_level(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (index, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

/// Which modules each module imports, by module name.
fn imports(modules: &[Module]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<Vec<String>> = modules.iter().map(|m| m.path.clone()).collect();
    modules
        .iter()
        .map(|module| {
            let targets = named_paths(module, &known)
                .into_iter()
                .filter_map(|path| {
                    // Down to the crate root, for the items `lib.rs` defines.
                    (0..=path.len())
                        .rev()
                        .map(|length| path[..length].to_vec())
                        .find(|prefix| known.contains(prefix))
                })
                // A module naming its own items, or a path through its own parents, is no import.
                .filter(|target| !module.path.starts_with(target))
                .map(|target| {
                    if target.is_empty() {
                        "crate".to_owned()
                    } else {
                        target.join("::")
                    }
                })
                .collect();
            (module.name(), targets)
        })
        .collect()
}

/// The first cycle of `graph`, as the list of its nodes, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(position) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[position..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn the_reader_finds_imports_in_paths_groups_and_aliases() {
    let module = Module {
        path: vec!["actions".into(), "service".into()],
        file: PathBuf::new(),
        source: "use super::rules::{stored_text, ActionUpdate};\n\
                 use crate::audit::service::{self as audit, Actor};\n\
                 use super::charts;\n\
                 // crate::dashboards in a comment is no import\n\
                 fn f() { crate::live::publish(x); let url = \"https://x\"; audit::record(); }\n\
                 fn g() { charts::bars::draw(); let s = \"crate://x\"; } // crate::plan\n"
            .into(),
    };
    let known: BTreeSet<Vec<String>> = [vec!["actions".to_owned(), "charts".to_owned()]].into();
    let paths: BTreeSet<String> = named_paths(&module, &known)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        paths,
        [
            "actions::charts",
            "actions::charts::bars::draw",
            "actions::rules::ActionUpdate",
            "actions::rules::stored_text",
            "audit::service",
            "audit::service::Actor",
            "audit::service::record",
            "live::publish",
        ]
        .map(str::to_owned)
        .into()
    );
    let graph = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}

/// The reader finds the imports the code is known to have: a test that found none would pass.
#[test]
fn the_imports_read_are_the_codes_own() {
    let graph = imports(&modules());
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(edges > 400, "{edges} imports found");
    for (from, to) in [
        ("actions::service", "audit::service"),
        ("actions::service", "actions::rules"),
        ("dashboards::assemble", "dashboards::charts::bars"),
        ("dashboards::pages", "dashboards::assemble"),
        ("crate", "home::pages"),
        ("reports::render", "reports::pdf"),
    ] {
        assert!(
            graph[from].contains(to),
            "{from} → {to} not found: {:?}",
            graph[from]
        );
    }
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports(&modules());
    assert!(graph.len() > 80, "the sources were not found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

/// Reads may not write: a query that needs what a service computes takes it from the rules.
#[test]
fn queries_use_no_service() {
    let graph = imports(&modules());
    let wrong: Vec<String> = graph
        .iter()
        .filter(|(from, _)| from.ends_with("queries"))
        .flat_map(|(from, targets)| {
            targets
                .iter()
                .filter(|target| target.ends_with("service") && !target.starts_with("audit"))
                .map(move |target| format!("{from} imports {target}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every folder of the crate is either a domain, with the domains' shape, or one of the few others:
/// a new folder must say which it is.
#[test]
fn every_folder_is_a_domain_or_named_as_another() {
    let mut folders: Vec<String> = std::fs::read_dir(source_root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut classified: Vec<String> = DOMAINS
        .iter()
        .chain(&OTHER_FOLDERS)
        .map(|name| (*name).to_owned())
        .collect();
    classified.sort();
    assert_eq!(folders, classified);
}

/// Pages compose other domains' pages and read any domain; below the pages, the domains depend on
/// one another in one direction only.
#[test]
fn below_the_pages_the_domains_depend_one_way() {
    let modules = modules();
    let graph = imports(&modules);
    let domain_of = |name: &str| {
        let first = name.split("::").next().unwrap_or("");
        DOMAINS.contains(&first).then(|| first.to_owned())
    };
    let mut domains: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in modules.iter().filter(|m| !m.is_page()) {
        let Some(from) = module.domain() else {
            continue;
        };
        for target in &graph[&module.name()] {
            if let Some(to) = domain_of(target).filter(|to| to != from) {
                domains.entry(from.to_owned()).or_default().insert(to);
            }
        }
    }
    assert!(domains.len() > 5, "{domains:?}");
    if let Some(cycle) = find_cycle(&domains) {
        panic!("the domains depend on each other: {}", cycle.join(" → "));
    }
}

#[test]
fn only_pages_import_pages() {
    let modules = modules();
    let graph = imports(&modules);
    let mut wrong = Vec::new();
    for module in modules.iter().filter(|m| !m.is_page()) {
        for target in &graph[&module.name()] {
            let path: Vec<String> = target.split("::").map(str::to_owned).collect();
            if is_page(&path) {
                wrong.push(format!("{} imports {target}", module.name()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn types_rules_and_pure_modules_do_no_input_or_output() {
    let modules = modules();
    let graph = imports(&modules);
    let is_pure = |module: &Module| {
        let last = module.path.last().map(String::as_str).unwrap_or("");
        matches!(last, "types" | "rules")
            || (module.path.len() == 1 && PURE_TOP_LEVEL.contains(&last))
            || module.path.first().is_some_and(|first| first == "progress")
    };
    let mut wrong = Vec::new();
    for module in modules.iter().filter(|m| is_pure(m)) {
        for target in &graph[&module.name()] {
            let touches = INPUT_OUTPUT
                .iter()
                .any(|io| target == io || target.starts_with(&format!("{io}::")))
                || target
                    .split("::")
                    .skip(1)
                    .any(|segment| matches!(segment, "queries" | "service"));
            if touches {
                wrong.push(format!("{} imports {target}", module.name()));
            }
        }
        let code = without_comments(&module.source);
        for used in INPUT_OUTPUT_CRATES {
            if code.contains(used) && !(module.path == ["error"] && used == "sea_orm::") {
                wrong.push(format!("{} uses {used}", module.name()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_domain_folder_has_the_same_shape() {
    let modules = modules();
    let named: BTreeSet<(&str, &str)> = NAMED_PARTS.into_iter().collect();
    let mut wrong = Vec::new();
    for domain in DOMAINS {
        let folder = source_root().join(domain);
        assert!(folder.join("mod.rs").is_file(), "{domain} has no folder");
        for module in modules
            .iter()
            .filter(|m| m.path.len() == 2 && m.path[0] == domain)
        {
            let part = module.path[1].as_str();
            if !ROLES.contains(&part) && !named.contains(&(domain, part)) {
                wrong.push(format!(
                    "{domain}/{part} is neither a role nor a named part"
                ));
            }
        }
    }
    // A domain's `mod.rs` only says what the folder holds: documentation and module declarations.
    let is_domain_folder = |module: &&Module| {
        module.file.ends_with("mod.rs") && module.domain().is_some() && module.path.len() <= 2
    };
    for module in modules.iter().filter(is_domain_folder) {
        let stray: Vec<&str> = module
            .source
            .lines()
            .map(str::trim)
            .filter(|line| {
                !(line.is_empty()
                    || line.starts_with("//")
                    || line.starts_with("#[cfg(")
                    || line.starts_with("pub mod ")
                    || line.starts_with("mod "))
            })
            .collect();
        if !stray.is_empty()
            && !module
                .path
                .starts_with(&["db".to_owned(), "entities".to_owned()])
        {
            wrong.push(format!(
                "{} holds more than declarations: {stray:?}",
                module.name()
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every place in the crate's code (comments left out) where `finds` finds something, but in the
/// files `allowed`, as `file:line: what`.
fn places_where(allowed: &[&str], finds: impl Fn(&str) -> Vec<usize>, what: &str) -> Vec<String> {
    let mut places = Vec::new();
    for module in modules() {
        let relative = module
            .file
            .strip_prefix(source_root())
            .unwrap()
            .to_path_buf();
        if allowed.iter().any(|file| relative == Path::new(file)) {
            continue;
        }
        let code = without_comments(&module.source);
        for at in finds(&code) {
            let line = code[..at].lines().count();
            places.push(format!("{}:{line}: {what}", relative.display()));
        }
    }
    places
}

#[test]
fn addresses_are_built_in_urls() {
    // The site's files' addresses come from the build settings (`site.rs`), and the PDF's files are
    // typst's own.
    let wrong = places_where(
        &["urls.rs", "site.rs", "reports/pdf.rs"],
        |code| {
            code.match_indices("format!(")
                .map(|(at, _)| at)
                .filter(|at| {
                    code[at + "format!(".len()..]
                        .trim_start()
                        .starts_with("\"/")
                })
                .collect()
        },
        "an address built here",
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_write_commits_through_the_change_feed() {
    // `live::commit` announces each write to every server; the start-up's turn at preparing the
    // database (`bootstrap`) commits a lock, not data.
    let wrong = places_where(
        &["live.rs", "bootstrap.rs"],
        |code| code.match_indices(".commit()").map(|(at, _)| at).collect(),
        "commits without announcing the change (use `live::commit`)",
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}
