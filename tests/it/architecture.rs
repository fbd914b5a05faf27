//! The shape of the application crate, as `ARCHITECTURE.md` describes it, checked so that it stays
//! true: every domain folder has the same few files, no module imports another that imports it
//! back, only pages import pages, pure modules do no I/O, and addresses are built in `urls.rs`.
//!
//! The sources are read as text: a module's imports are the `crate::` and `super::` paths it
//! names outside its unit tests, resolved to the longest module path that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domain folders, each a concept of the product.
const DOMAINS: [&str; 12] = [
    "accounts",
    "actions",
    "audit",
    "countries",
    "dashboards",
    "home",
    "indicators",
    "matrix",
    "plan",
    "reports",
    "rounds",
    "themes",
];

/// The files every domain folder may have, one role each (see `ARCHITECTURE.md`).
const ROLES: [&str; 5] = ["types", "queries", "service", "pages", "rules"];

/// The files a domain has beyond the five roles, each named for what it holds.
const NAMED_PARTS: [(&str, &str); 16] = [
    ("accounts", "passwords"),
    ("accounts", "sessions"),
    ("accounts", "throttle"),
    ("actions", "attachments"),
    ("dashboards", "assemble"),
    ("dashboards", "charts"),
    ("dashboards", "figures"),
    ("dashboards", "snapshot"),
    ("plan", "file"),
    ("reports", "document"),
    ("reports", "docx"),
    ("reports", "narrative"),
    ("reports", "pdf"),
    ("reports", "render"),
    ("reports", "xlsx"),
    ("rounds", "reminders"),
];

/// Modules that compute without I/O: no database, request context or change feed.
const PURE_TOP_LEVEL: [&str; 7] = [
    "domain", "i18n", "markup", "progress", "text", "urls", "error",
];

/// What a pure module may not name.
const INPUT_OUTPUT: [&str; 3] = ["db", "context", "live"];

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

/// Pages, the frame around them (`layout`) and the router (the crate root).
fn is_page(path: &[String]) -> bool {
    path.is_empty() || path.iter().any(|segment| segment == "pages") || path == ["layout"]
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
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// Every `crate::…` and `super::…` path in `source`, as full paths from the crate root, with the
/// items of `{…}` groups expanded.
fn named_paths(module: &Module) -> Vec<Vec<String>> {
    let code: String = module
        .source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &code[at..];
        let start = ["crate::", "super::"]
            .iter()
            .filter(|prefix| rest.starts_with(**prefix))
            .find(|_| at == 0 || !is_path_char(bytes[at - 1] as char));
        let Some(prefix) = start else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let base: Vec<String> = if *prefix == "crate::" {
            Vec::new()
        } else {
            module.path[..module.path.len().saturating_sub(1)].to_vec()
        };
        let (paths, consumed) = read_path(&code[at + prefix.len()..], base);
        found.extend(paths);
        at += prefix.len() + consumed.max(1);
    }
    found
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// Reads `a::b::{c, d::e}` from the start of `text` after `base`; returns the full paths and how
/// many bytes were read.
fn read_path(text: &str, mut base: Vec<String>) -> (Vec<Vec<String>>, usize) {
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
                let item = item.split(" as ").next().unwrap_or("").trim();
                if item == "self" {
                    paths.push(base.clone());
                } else if !item.is_empty() {
                    paths.extend(read_path(item, base.clone()).0);
                }
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
            let targets = named_paths(module)
                .into_iter()
                .filter_map(|path| {
                    (1..=path.len())
                        .rev()
                        .map(|length| path[..length].to_vec())
                        .find(|prefix| known.contains(prefix))
                })
                // A module naming its own items, or a path through its own parents, is no import.
                .filter(|target| !module.path.starts_with(target))
                .map(|target| target.join("::"))
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
fn the_reader_finds_imports_in_paths_and_groups() {
    let module = Module {
        path: vec!["actions".into(), "service".into()],
        file: PathBuf::new(),
        source: "use super::rules::{stored_text, ActionUpdate};\n\
                 use crate::audit::service::{self as audit, Actor};\n\
                 // crate::dashboards in a comment is no import\n\
                 fn f() { crate::live::publish(x); let url = \"https://x\"; }\n"
            .into(),
    };
    let paths: Vec<String> = named_paths(&module).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        paths,
        [
            "actions::rules::stored_text",
            "actions::rules::ActionUpdate",
            "audit::service",
            "audit::service::Actor",
            "live::publish",
        ]
    );
    let graph = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports(&modules());
    assert!(graph.len() > 80, "the sources were not found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
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
            let touches = target.split("::").enumerate().any(|(index, segment)| {
                (index == 0 && INPUT_OUTPUT.contains(&segment))
                    || (index > 0 && matches!(segment, "queries" | "service"))
            });
            if touches {
                wrong.push(format!("{} imports {target}", module.name()));
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

#[test]
fn addresses_are_built_in_urls() {
    // The stylesheet's address comes from the build settings, and the PDF's files are typst's own.
    let allowed = ["urls.rs", "lib.rs", "reports/pdf.rs"];
    let mut wrong = Vec::new();
    for module in modules() {
        let relative = module
            .file
            .strip_prefix(source_root())
            .unwrap()
            .to_path_buf();
        if allowed.iter().any(|file| relative == Path::new(file)) {
            continue;
        }
        for (number, line) in module.source.lines().enumerate() {
            if line.contains("format!(\"/") {
                wrong.push(format!(
                    "{}:{}: {}",
                    relative.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
