//! The reader's layers, read from its code: every `crate::` and `super::` path in `src/`
//! (test code left out) becomes an edge between modules, and the test fails on an import that
//! runs upward in [`LAYERS`] or on a cycle between modules at any depth (`cli/list` ↔
//! `cli/search` would be one). The core is a crate of its own: the compiler keeps it from
//! importing the reader.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The reader's top-level modules, lowest first; a module imports only from lower layers.
const LAYERS: &[&[&str]] = &[
    &["action", "logger"],
    &["i18n", "input"],
    &["settings"],
    &["app"],
    &["ui"],
    &["tui"],
    &["cli"],
];

type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// `src/tui/terminal/mod.rs` → `["tui", "terminal"]`; the crate root is `[]`.
fn module_of(file: &Path, root: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its unit tests.
fn code(text: &str) -> String {
    let body = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    body.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths named after `crate::` and `super::` in `code`, resolved from `module`.
fn imports(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        if at > 0 && code[..at].ends_with(|c: char| ident(c) || c == ':') {
            continue; // the second `super` of `super::super::`, or `qari_core::…`
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &code[at..];
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        } else {
            base = module.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
        }
        // One path, or a `{…}` group of paths (their first names are enough here).
        let heads: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group.split(',').map(str::trim).collect()
        } else {
            vec![rest]
        };
        for head in heads {
            let mut path = base.clone();
            for segment in head.split("::") {
                let name: String = segment.chars().take_while(|&c| ident(c)).collect();
                // modules are lower case; a type, a constant or `self` ends the path
                if name.is_empty() || name == "self" || !name.starts_with(char::is_lowercase) {
                    break;
                }
                path.push(name);
                if segment.len() > path.last().map_or(0, String::len) {
                    break;
                }
            }
            if path.len() > base.len() {
                out.push(path);
            }
        }
    }
    out
}

/// Every file's module and what it imports, as edges between the first modules in which the
/// two paths differ (`tui/owner` → `tui/workers`; `ui/help` → `app`).
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().ends_with("tests.rs")
            {
                files.push(path);
            }
        }
    }
    let mut graph = Graph::new();
    for file in files {
        let module = module_of(&file, src);
        let text = std::fs::read_to_string(&file).expect("read");
        for target in imports(&module, &code(&text)) {
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == module.len() || common == target.len() {
                continue; // a module and its own parent or child
            }
            let from = module[..=common].to_vec();
            let to = target[..=common].to_vec();
            graph.entry(from).or_default().insert(to);
        }
    }
    graph
}

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("`{module}` is in no layer of LAYERS"))
}

/// The modules that reach themselves again, one cycle each (Tarjan's components).
fn cycles(graph: &Graph) -> Vec<BTreeSet<Vec<String>>> {
    let nodes: BTreeSet<&Vec<String>> = graph
        .iter()
        .flat_map(|(k, v)| std::iter::once(k).chain(v))
        .collect();
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in graph.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut found: Vec<BTreeSet<Vec<String>>> = Vec::new();
    for n in &nodes {
        if !reached[n].contains(*n) {
            continue;
        }
        let cycle: BTreeSet<Vec<String>> = nodes
            .iter()
            .filter(|m| reached[n].contains(**m) && reached[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if !found.contains(&cycle) {
            found.push(cycle);
        }
    }
    found
}

#[test]
fn no_import_runs_upward_and_no_module_imports_itself_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(
        graph.contains_key(&vec!["tui".to_owned()]),
        "the reader's modules were read: {graph:?}"
    );
    let mut upward = Vec::new();
    for (from, tos) in &graph {
        for to in tos {
            if from.len() == 1 && layer(&from[0]) <= layer(&to[0]) {
                upward.push(format!("{} -> {}", from.join("/"), to.join("/")));
            }
        }
    }
    assert!(upward.is_empty(), "imports against the layers: {upward:?}");
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "import cycles: {cycles:?}");
}

#[test]
fn the_reader_of_imports_sees_paths_groups_and_supers() {
    let module = vec!["tui".to_owned(), "terminal".to_owned()];
    let code = "use crate::{app::App, ui::{self, View}};\nuse super::event::Event;\n\
                let x = crate::action::Command::Quit; use qari_core::bidi;";
    assert_eq!(
        imports(&module, code),
        vec![
            vec!["app".to_owned()],
            vec!["ui".to_owned()],
            vec!["action".to_owned()],
            vec!["tui".to_owned(), "event".to_owned()],
        ]
    );
    // an upward import is caught
    let mut graph = Graph::new();
    graph
        .entry(vec!["app".to_owned()])
        .or_default()
        .insert(vec!["ui".to_owned()]);
    graph
        .entry(vec!["ui".to_owned()])
        .or_default()
        .insert(vec!["app".to_owned()]);
    assert_eq!(cycles(&graph).len(), 1);
    assert!(layer("app") < layer("ui"));
}
